package org.ferworkbench.ui.main;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a drop on the window means, apart from JavaFX's drag events (which a test cannot fake: the OS makes the
 * drag board): a single folder may be dropped to open it as a dataset; a dropped file opens the folder it is in.
 */
final class FolderDrop {
    private FolderDrop() { }

    /** Whether the window accepts the dragged files: exactly one folder. */
    static boolean accepts(List<File> files) {
        return files != null && files.size() == 1 && files.get(0).isDirectory();
    }

    /** The dataset folder to open for the dropped files (the first one; a file stands for its folder). */
    static Optional<Path> folderToOpen(List<File> files) {
        if (files == null || files.isEmpty()) return Optional.empty();
        Path p = files.get(0).toPath();
        return Optional.ofNullable(Files.isDirectory(p) ? p : p.getParent());
    }
}
