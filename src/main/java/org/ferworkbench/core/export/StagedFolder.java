package org.ferworkbench.core.export;

import org.ferworkbench.core.dataset.FileNames;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * An output folder built under a hidden temporary name beside its target and renamed into place only when
 * complete. Closing without commit deletes it, so a cancelled or failed export leaves nothing half-written;
 * with overwrite, the previous output is replaced only after the new one is complete.
 */
public final class StagedFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedFolder(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    public static StagedFolder create(Path target, boolean overwrite) throws ExportException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !overwrite) {
            throw new ExportException("Output folder already exists: " + absolute + " (choose another or allow overwrite)");
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new ExportException("Output path is a file, not a folder: " + absolute);
        }
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ExportException("Cannot create the output's parent folder " + parent + ": " + IoMessages.describe(e), e);
        }
        removeLeftovers(parent, FileNames.of(absolute));
        // named from the target's bytes: its name may be one the locale cannot show (see FileNames)
        Path staging = FileNames.sibling(absolute, ".", ".partial-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new ExportException("Cannot write to " + parent + ": " + IoMessages.describe(e), e);
        }
        return new StagedFolder(absolute, staging, overwrite);
    }

    /**
     * Deletes what an earlier export to the same folder left behind when it could not clean up after itself
     * (killed, or its disk went read-only). Two exports to one folder at the same time are not supported.
     */
    private static void removeLeftovers(Path parent, String name) {
        // compared as display names, not as a glob: a folder name may hold glob characters ('[', '{')
        try (var siblings = Files.newDirectoryStream(parent)) {
            for (Path p : siblings) {
                String sibling = FileNames.of(p);
                if (!sibling.startsWith("." + name + ".partial-") && !sibling.startsWith("." + name + ".old-")) continue;
                try {
                    deleteRecursively(p);
                } catch (IOException ignored) {
                    // still not writable: the new export will say so
                }
            }
        } catch (IOException ignored) {
            // unlistable parent: creating the staging folder below reports the problem
        }
    }

    /** Where to write while the export runs. */
    public Path path() {
        return staging;
    }

    public Path target() {
        return target;
    }

    public void commit() throws ExportException {
        try {
            Path old = null;
            if (Files.exists(target)) {
                if (!overwrite) throw new ExportException("Output folder appeared while exporting: " + target);
                old = FileNames.sibling(target, ".", ".old-" + UUID.randomUUID().toString().substring(0, 8));
                move(target, old);
            }
            move(staging, target);
            committed = true;
            if (old != null) deleteRecursively(old);
        } catch (IOException e) {
            throw new ExportException("Could not move the finished export into place at " + target + ": " + IoMessages.describe(e), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteRecursively(staging);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .partial folder is harmless and recognisable
            }
        }
    }

    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
