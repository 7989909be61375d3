package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Only one export writes to a folder at a time: an OS file lock on {@code .<name>.lock} beside the target, held from
 * before the staging folder is made until the export is in place (or cleaned up). A second export, in this process
 * or another, is refused at once. The OS drops the lock when a process dies, even by kill -9, so a leftover lock file
 * never blocks anyone; the file itself is deleted on release.
 */
public final class ExportLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ExportLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an export target (exact name; see {@link StagingNames}). */
    static Path fileFor(Path target) {
        return StagingNames.lockFile(target);
    }

    /**
     * Takes the lock of an export target, whose parent folder must exist.
     *
     * @throws OutputRefusedException when another export holds it
     */
    public static ExportLock acquire(Path target) throws ExportException {
        Optional<ExportLock> lock = tryAcquire(target);
        if (lock.isEmpty()) {
            throw new OutputRefusedException("Another export is writing to " + target + " (wait for it to finish, or choose another folder)");
        }
        return lock.get();
    }

    /** The lock, or empty when another export holds it. */
    public static Optional<ExportLock> tryAcquire(Path target) throws ExportException {
        Path file = fileFor(target);
        // A holder deletes the file on release; one who opened it just before may then lock a deleted file while a third
        // locks a new one. So the lock counts only if the name led to the same file before opening and after locking.
        // (Never read the file through another descriptor: closing any descriptor of a file drops the process's POSIX locks.)
        for (int attempt = 0; attempt < 20; attempt++) {
            Object before = fileKey(file);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this process (another export in the app)
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                Object after = fileKey(file);
                boolean sameFile = after != null && after.equals(before);
                if (sameFile || (before == null && after == null && java.nio.file.Files.exists(file))) {
                    // (no file keys on this file system, e.g. Windows, where an open file cannot be deleted anyway)
                    return Optional.of(new ExportLock(file, channel, lock));
                }
                lock.release();
                channel.close();
            } catch (IOException e) {
                closeQuietly(channel);
                throw new ExportException("Cannot lock " + file + ": " + IoMessages.describe(e), e);
            }
        }
        throw new ExportException("Cannot lock " + file + ": it keeps being replaced by another process");
    }

    /** The file's identity (device and inode on Unix), or null when it does not exist or the file system has none. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            // the lock never writes to its file: one with content is somebody else's, and stays
            if (channel.size() == 0) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // e.g. Windows, where an open file cannot be deleted: an unlocked lock file blocks nobody
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
