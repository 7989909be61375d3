package org.ferworkbench.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files written in aligned blocks (direct I/O where allowed) hold exactly the bytes appended, with the start replaced,
 * whatever the length: under a block, whole chunks, a ragged tail; and the same bytes through the page cache.
 */
class BlockFileTest {
    @TempDir
    Path dir;

    @Test
    void holdsExactlyTheBytesAppendedWithTheStartReplaced() throws Exception {
        Random random = new Random(7);
        for (int length : new int[] {0, 100, 4095, 4096, 4097, BlockFile.CHUNK, 2 * BlockFile.CHUNK + 12_345}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] start = new byte[Math.min(length, 128)];
            random.nextBytes(start);
            for (boolean direct : new boolean[] {true, false}) {
                Path f = dir.resolve(length + "-" + direct + ".bin");
                try (BlockFile out = BlockFile.create(f, direct)) {
                    // odd pieces, so appends straddle the chunk's end
                    for (int at = 0, piece = 1; at < length; at += piece, piece = piece * 3 % 65_537 + 1) {
                        out.write(data, at, Math.min(piece, length - at));
                    }
                    assertThat(out.length()).isEqualTo(length);
                    out.replaceStart(start);
                }
                byte[] expected = data.clone();
                System.arraycopy(start, 0, expected, 0, start.length);
                assertThat(Arrays.equals(Files.readAllBytes(f), expected)).as("%d bytes, direct %s", length, direct).isTrue();
            }
        }
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        Path f = dir.resolve("kept.npy");
        Files.write(f, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> BlockFile.create(f)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    }

    @Test
    void writesOnTmpfsToo() throws Exception {
        // tmpfs refuses O_DIRECT before Linux 6.6: the file is written all the same, direct or not
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "skipped: no /dev/shm");
        Path f = Files.createTempDirectory(shm, "blockfile").resolve("x.bin");
        try {
            byte[] data = new byte[BlockFile.CHUNK + 999];
            new Random(3).nextBytes(data);
            try (BlockFile out = BlockFile.create(f)) {
                out.write(data, 0, data.length);
            }
            assertThat(Arrays.equals(Files.readAllBytes(f), data)).isTrue();
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(f.getParent());
        }
    }

    @Test
    void goesOnThroughThePageCacheWhenTheFileSystemRefusesADirectWrite() throws Exception {
        // some file systems accept O_DIRECT at open and fail the writes (EINVAL): the second chunk's write fails here
        Path f = dir.resolve("refused.bin");
        byte[] data = new byte[2 * BlockFile.CHUNK + 5000];
        new Random(11).nextBytes(data);
        byte[] start = {9, 8, 7};
        FileChannel refusing = new RefusingChannel(FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1);
        BlockFile out = BlockFile.over(f, refusing, true, 4096);
        try (out) {
            out.write(data, 0, data.length);
            out.replaceStart(start);
        }
        assertThat(out.direct()).isFalse();
        byte[] expected = data.clone();
        System.arraycopy(start, 0, expected, 0, start.length);
        assertThat(Arrays.equals(Files.readAllBytes(f), expected)).isTrue();
    }

    /** A channel whose positional writes fail with "Invalid argument" after the first {@code allowed}. */
    private static final class RefusingChannel extends FileChannel {
        private final FileChannel inner;
        private int allowed;

        RefusingChannel(FileChannel inner, int allowed) {
            this.inner = inner;
            this.allowed = allowed;
        }

        @Override public int write(ByteBuffer src, long position) throws IOException {
            if (allowed-- <= 0) {
                src.position(src.position() + 4096);   // a partial write before the failure
                throw new IOException("Invalid argument");
            }
            return inner.write(src, position);
        }
        @Override public int read(ByteBuffer dst) throws IOException { return inner.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return inner.read(dsts, offset, length); }
        @Override public int write(ByteBuffer src) throws IOException { return inner.write(src); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return inner.write(srcs, offset, length); }
        @Override public long position() throws IOException { return inner.position(); }
        @Override public FileChannel position(long p) throws IOException { inner.position(p); return this; }
        @Override public long size() throws IOException { return inner.size(); }
        @Override public FileChannel truncate(long size) throws IOException { inner.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { inner.force(metaData); }
        @Override public long transferTo(long p, long c, java.nio.channels.WritableByteChannel t) throws IOException { return inner.transferTo(p, c, t); }
        @Override public long transferFrom(java.nio.channels.ReadableByteChannel s, long p, long c) throws IOException { return inner.transferFrom(s, p, c); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return inner.read(dst, position); }
        @Override public java.nio.MappedByteBuffer map(MapMode mode, long p, long size) throws IOException { return inner.map(mode, p, size); }
        @Override public java.nio.channels.FileLock lock(long p, long size, boolean shared) throws IOException { return inner.lock(p, size, shared); }
        @Override public java.nio.channels.FileLock tryLock(long p, long size, boolean shared) throws IOException { return inner.tryLock(p, size, shared); }
        @Override protected void implCloseChannel() throws IOException { inner.close(); }
    }
}
