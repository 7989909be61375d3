package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new file written front to back in whole, aligned blocks of about a megabyte, with direct I/O where the file system
 * allows it: the bytes go from one reused native buffer to the disk, not through the page cache. On this project's
 * test VM a gigabyte through the page cache cost 0.4-4.7 s of system time (the kernel allocating and filling fresh
 * page-cache memory), and 0.2 s with direct I/O (docs/benchmarks.md, issue 19); an export writes 1.3 GB (uint8) to
 * 5 GB (float32) of arrays and reads none of it back.
 *
 * <p>Where direct I/O is refused (tmpfs, some network file systems, an odd block size), the same aligned writes go
 * through the page cache. The file's first bytes may be replaced at the end ({@link #replaceStart}), e.g. a header
 * that counts the rows. The last block is written padded and the file then cut to its length.
 */
final class BlockFile implements AutoCloseable {
    /** Bytes gathered per write: a multiple of any block size used here. */
    static final int CHUNK = 1 << 20;
    /** Largest block size direct I/O is tried with (the file system's block, normally 4 KB). */
    private static final int MAX_ALIGN = 64 * 1024;
    /** The block of the first bytes kept for {@link #replaceStart} where the file system gives no block size. */
    private static final int DEFAULT_ALIGN = 4096;
    private static final boolean DIRECT_ALLOWED = !Boolean.getBoolean("fer.export.noDirectIo");

    private final Path file;
    private FileChannel channel;
    private boolean direct;
    private final int align;
    private final ByteBuffer chunk;
    /** Bytes written to the file so far (whole chunks); the chunk's bytes follow. */
    private long flushed;
    /** The file's first block as written, kept to patch {@link #replaceStart} into after it left the chunk. */
    private byte[] firstBlock;
    private byte[] start;
    private boolean closed;

    private BlockFile(Path file, FileChannel channel, boolean direct, int align) {
        this.file = file;
        this.channel = channel;
        this.direct = direct;
        this.align = align;
        this.chunk = ByteBuffer.allocateDirect(CHUNK + align).alignedSlice(align);
    }

    /** Creates {@code file}, which must not exist. */
    static BlockFile create(Path file) throws IOException {
        return create(file, DIRECT_ALLOWED);
    }

    /** @param tryDirect whether to try direct I/O at all (off: the page cache's way, for comparison) */
    static BlockFile create(Path file, boolean tryDirect) throws IOException {
        int block = blockSize(file);
        if (tryDirect && block > 0) {
            try {
                return new BlockFile(file, open(file, true, true), true, block);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException refused) {
                // direct I/O refused (EINVAL on tmpfs): the same writes through the page cache. The file did not
                // exist (CREATE_NEW), so one there now was left by the refused open, and is ours
                if (Files.exists(file)) return new BlockFile(file, open(file, false, false), false, block);
            }
        }
        return new BlockFile(file, open(file, false, true), false, block > 0 ? block : DEFAULT_ALIGN);
    }

    /** Over a channel already open on {@code file} (for tests: a channel that refuses direct writes). */
    static BlockFile over(Path file, FileChannel channel, boolean direct, int align) {
        return new BlockFile(file, channel, direct, align);
    }

    private static FileChannel open(Path file, boolean direct, boolean createNew) throws IOException {
        OpenOption[] options = direct
                ? new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT}
                : new OpenOption[] {createNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.WRITE,
                        StandardOpenOption.WRITE};
        return FileChannel.open(file, options);
    }

    /** The file system's block size where it suits direct I/O (a power of two up to 64 KB), else 0. */
    private static int blockSize(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            long size = Files.getFileStore(dir).getBlockSize();
            return size > 0 && size <= MAX_ALIGN && Long.bitCount(size) == 1 ? (int) size : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** Whether the bytes bypass the page cache. */
    boolean direct() {
        return direct;
    }

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (!chunk.hasRemaining()) flushChunk();
            int n = Math.min(length, chunk.remaining());
            chunk.put(bytes, offset, n);
            offset += n;
            length -= n;
        }
    }

    /** Bytes appended so far. */
    long length() {
        return flushed + chunk.position();
    }

    /** Replaces the file's first {@code bytes.length} bytes (at most one block) when it is closed. */
    void replaceStart(byte[] bytes) {
        if (bytes.length > align) throw new IllegalArgumentException(bytes.length + " bytes: longer than a block");
        start = bytes.clone();
    }

    /** Writes the full chunk at its place in the file. */
    private void flushChunk() throws IOException {
        chunk.flip();
        if (flushed == 0 && firstBlock == null) {
            firstBlock = new byte[Math.min(align, chunk.remaining())];
            chunk.get(0, firstBlock);
        }
        writeAt(chunk, flushed);
        flushed += chunk.limit();
        chunk.clear();
    }

    private void writeAt(ByteBuffer buffer, long position) throws IOException {
        int from = buffer.position();
        long at = position;
        try {
            while (buffer.hasRemaining()) at += channel.write(buffer, at);
        } catch (IOException e) {
            if (!direct) throw e;
            // some file systems accept O_DIRECT at open and refuse the writes: the whole buffer again, through the
            // page cache (positional writes, so what the failed write left does not matter)
            channel.close();
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            direct = false;
            buffer.position(from);
            at = position;
            while (buffer.hasRemaining()) at += channel.write(buffer, at);
        }
    }

    /** Writes what is left, the new start, and forces it all to the disk. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            long length = length();
            int tail = chunk.position();
            if (start != null && flushed == 0) chunk.put(0, start);
            if (tail > 0) {
                // the last block, padded to a whole block, then the file cut to its length
                int padded = (tail + align - 1) / align * align;
                while (chunk.position() < padded) chunk.put((byte) 0);
                chunk.flip();
                writeAt(chunk, flushed);
            }
            if (start != null && flushed > 0) {
                ByteBuffer block = ByteBuffer.allocateDirect(firstBlock.length + align).alignedSlice(align);
                block.put(firstBlock).put(0, start).flip();
                writeAt(block, 0);
            }
            if (channel.size() != length) channel.truncate(length);
            channel.force(false);
        } finally {
            channel.close();   // the channel of the moment: a refused direct write replaces it
        }
    }
}
