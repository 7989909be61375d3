package org.ferworkbench.ui.main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drop on the window (the drag events themselves come from the OS, which no test can fake under Monocle). */
class FolderDropTest {
    @TempDir
    Path dir;

    @Test
    void aSingleFolderIsAcceptedAndOpened() throws Exception {
        Path dataset = Files.createDirectory(dir.resolve("dataset"));

        assertThat(FolderDrop.accepts(List.of(dataset.toFile()))).isTrue();
        assertThat(FolderDrop.folderToOpen(List.of(dataset.toFile()))).contains(dataset);
    }

    @Test
    void filesOrSeveralItemsAreNotAcceptedWhileDragging() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path image = Files.createFile(a.resolve("x.jpg"));

        assertThat(FolderDrop.accepts(List.of(image.toFile()))).isFalse();
        assertThat(FolderDrop.accepts(List.of(a.toFile(), b.toFile()))).isFalse();
        assertThat(FolderDrop.accepts(List.of())).isFalse();
        assertThat(FolderDrop.accepts(null)).isFalse();
    }

    @Test
    void aDroppedFileOpensTheFolderItIsInAndNothingOpensNothing() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path image = Files.createFile(a.resolve("x.jpg"));

        assertThat(FolderDrop.folderToOpen(List.of(image.toFile()))).contains(a);
        assertThat(FolderDrop.folderToOpen(List.of(a.toFile(), new File("elsewhere")))).contains(a);
        assertThat(FolderDrop.folderToOpen(List.of())).isEmpty();
        assertThat(FolderDrop.folderToOpen(null)).isEmpty();
    }
}
