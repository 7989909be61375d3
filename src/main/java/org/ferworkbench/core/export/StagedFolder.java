package org.ferworkbench.core.export;

import org.ferworkbench.core.dataset.FileNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An output folder built under a hidden staging name beside its target and renamed into place only when complete.
 * Closing without commit deletes it, so a cancelled or failed export leaves nothing half-written; an earlier export
 * is replaced only after the new one is complete, and only if {@link OutputFolderRule} allows it. The export lock
 * ({@link ExportLock}) is held from creation to close, so no two exports write to one target.
 *
 * <p>A run killed outright (kill -9, power loss) may leave its staging folder, or, if it died between the two renames
 * of a commit, the earlier export under its swapped-out name. The next export to the same target, or
 * {@link #cleanUpAfterInterruptedRuns(Path)}, removes the former and restores the latter, and says so. Only folders
 * this tool made are touched: a staging folder is recognised by its exact name and an owner file inside it, a
 * swapped-out export by its exact name and its export marker.
 */
public final class StagedFolder implements AutoCloseable {
    /** Written first into every staging folder: marks it as made by this tool, so a leftover may be deleted. */
    static final String OWNER = ".fer-workbench-staging";

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private final List<OutputFolderRule.Kept> kept;
    private final ExportLock lock;
    private final List<String> cleanedUp;
    private boolean committed;

    private StagedFolder(Path target, Path staging, boolean overwrite, List<OutputFolderRule.Kept> kept, ExportLock lock,
                         List<String> cleanedUp) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
        this.kept = kept;
        this.lock = lock;
        this.cleanedUp = List.copyOf(cleanedUp);
    }

    /**
     * Checks the target with {@link OutputFolderRule}, takes its lock, cleans up after interrupted runs and makes the
     * staging folder.
     *
     * @param overwrite whether an earlier export of this tool in {@code target} may be replaced
     * @param kept      what the export must stay clear of (the dataset, the review workspace, ...)
     */
    public static StagedFolder create(Path target, boolean overwrite, List<OutputFolderRule.Kept> kept) throws ExportException {
        Path absolute = target.toAbsolutePath().normalize();
        OutputFolderRule.check(absolute, overwrite, kept);
        Path parent = absolute.getParent();
        if (parent == null) throw new OutputRefusedException("Refusing to export to " + absolute + ": it is the root of the file system");
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ExportException("Cannot create the output's parent folder " + parent + ": " + IoMessages.describe(e), e);
        }
        ExportLock lock = ExportLock.acquire(absolute);
        try {
            List<String> cleanedUp = cleanUp(absolute);
            // again under the lock: an interrupted run's export may just have been restored
            OutputFolderRule.check(absolute, overwrite, kept);
            // named from the target's bytes: its name may be one the locale cannot show (see FileNames)
            Path staging = StagingNames.fresh(absolute, StagingNames.PARTIAL);
            try {
                Files.createDirectory(staging);
                Files.write(staging.resolve(OWNER), ("FER Workbench staging folder of an export to " + absolute
                        + " (process " + ProcessHandle.current().pid() + ")\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                deleteQuietly(staging);
                throw new ExportException("Cannot write to " + parent + ": " + IoMessages.describe(e), e);
            }
            return new StagedFolder(absolute, staging, overwrite, kept, lock, cleanedUp);
        } catch (ExportException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Removes what interrupted exports to {@code target} left behind, unless an export is running there now (e.g. at
     * the app's start, for the folders it exported to before).
     *
     * @return one sentence per folder removed or restored
     */
    public static List<String> cleanUpAfterInterruptedRuns(Path target) throws ExportException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) return List.of();
        Optional<ExportLock> lock = ExportLock.tryAcquire(absolute);
        if (lock.isEmpty()) return List.of();
        try (ExportLock held = lock.get()) {
            return cleanUp(absolute);
        }
    }

    /**
     * {@link #cleanUpAfterInterruptedRuns(Path)} for every export target in {@code folder} that has leftovers (the app
     * does this at start for the folders it exported to).
     */
    public static List<String> cleanUpInterruptedRunsIn(Path folder) throws ExportException {
        if (!Files.isDirectory(folder)) return List.of();
        java.util.Map<String, Path> targets = new java.util.TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                StagingNames.targetOf(p).ifPresent(t -> targets.put(FileNames.of(t), t));
            }
        } catch (IOException e) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (Path t : targets.values()) done.addAll(cleanUpAfterInterruptedRuns(t));
        return done;
    }

    /** With the target's lock held: no other export can own what is found here, so it is all left over. */
    private static List<String> cleanUp(Path target) throws ExportException {
        String name = FileNames.of(target);
        List<String> done = new ArrayList<>();
        List<Path> partial = new ArrayList<>();
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent())) {
            for (Path p : siblings) {
                String n = FileNames.of(p);
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                if (StagingNames.isHelper(n, name, StagingNames.PARTIAL) && Files.isRegularFile(p.resolve(OWNER))) partial.add(p);
                if (StagingNames.isHelper(n, name, StagingNames.OLD) && ExportFolder.isExport(p)) old.add(p);
            }
        } catch (IOException e) {
            return done; // an unlistable parent: making the staging folder reports the problem
        }
        for (Path p : partial) {
            if (deleteQuietly(p)) done.add("Removed " + p + ", the unfinished export of an interrupted run");
        }
        for (Path p : old) {
            try {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(p, target);
                    done.add("Restored the earlier export " + target + " from " + p.getFileName()
                            + ", where an interrupted run had moved it aside");
                } else if (deleteQuietly(p)) {
                    done.add("Removed " + p + ", an earlier export an interrupted run had already replaced");
                }
            } catch (IOException e) {
                throw new ExportException("Cannot restore the earlier export " + target + " from " + p + ": " + IoMessages.describe(e), e);
            }
        }
        return done;
    }

    /** Where to write while the export runs. */
    public Path path() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** What was removed or restored after earlier interrupted runs when this folder was made (sentences). */
    public List<String> cleanedUp() {
        return cleanedUp;
    }

    /** Marks the export complete (its marker is the last file written) and moves it into place. */
    public void commit(String toolVersion) throws ExportException {
        commit(toolVersion, "export");
    }

    /** As {@link #commit(String)}, for a folder that holds {@code what} ("export", "shard"). */
    public void commit(String toolVersion, String what) throws ExportException {
        try {
            // from here on the folder is an export, no longer a staging folder an interrupted run left
            Files.deleteIfExists(staging.resolve(OWNER));
            ExportFolder.markComplete(staging, toolVersion, what);
        } catch (IOException e) {
            throw new ExportException("Export failed while writing to " + target + ": " + IoMessages.describe(e), e);
        }
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // the target was checked when the export started; it may have changed in the minutes since
                try {
                    OutputFolderRule.check(target, overwrite, kept);
                } catch (OutputRefusedException e) {
                    throw new OutputRefusedException("The output folder changed while exporting. " + e.getMessage());
                }
                old = StagingNames.fresh(target, StagingNames.OLD);
                move(target, old);
            }
            move(staging, target);
            committed = true;
        } catch (IOException e) {
            throw new ExportException("Could not move the finished export into place at " + target + ": " + IoMessages.describe(e), e);
        }
        // the new export is in place; an old copy that cannot be deleted now is removed by the next export
        if (old != null) deleteQuietly(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes the staging folder unless committed, and releases the lock. */
    @Override
    public void close() {
        try {
            if (!committed) deleteAfterFailure(staging);
        } finally {
            lock.close();
        }
    }

    /**
     * After an export ran out of memory, its workers may still hold their last images for a moment: deleting the
     * staging folder then fails for want of memory too. Try again briefly rather than leave it behind.
     */
    private static void deleteAfterFailure(Path folder) {
        for (int attempt = 0; ; attempt++) {
            try {
                deleteQuietly(folder);
                return;
            } catch (OutOfMemoryError e) {
                // never rethrown: the JVM may hand out one shared OutOfMemoryError, and closing inside try-with-resources
                // would then suppress the failure into itself (IllegalArgumentException). The next export removes it.
                if (attempt == 10) return;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
            return true;
        } catch (IOException e) {
            // best effort: a leftover staging folder is recognisable, and the next export to this target removes it
            return false;
        }
    }

    /** Deletes a folder tree; symbolic links inside it are removed, never followed. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) throw exc;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
