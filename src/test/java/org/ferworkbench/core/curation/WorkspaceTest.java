package org.ferworkbench.core.curation;

import org.ferworkbench.core.pipeline.PrepareConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void livesBesideTheDatasetWhereTheUserFindsIt() throws Exception {
        Path dataset = Files.createDirectories(dir.resolve("mydata"));
        Workspace w = Workspace.locate(dataset, dir.resolve("home"), true);
        assertThat(w.folder()).isEqualTo(dir.resolve("mydata.fer-workbench"));
        assertThat(w.isBesideDataset()).isTrue();
        assertThat(w.folder().resolve("README.txt")).exists();
    }

    @Test
    void fallsBackToTheHomeFolderWhenTheDatasetFolderIsReadOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc (a folder nobody can write into)");
        Path dataset = Path.of("/proc/self/fer-dataset");
        Workspace w = Workspace.locate(dataset, dir.resolve("home"), true);
        assertThat(w.isBesideDataset()).isFalse();
        assertThat(w.folder()).startsWith(dir.resolve("home/workspaces"));
        assertThat(w.folder().getFileName().toString()).startsWith("fer-dataset-");
        // the same dataset always maps to the same folder
        assertThat(Workspace.locate(dataset, dir.resolve("home"), true).folder()).isEqualTo(w.folder());
    }

    @Test
    void settingsAreSavedAndReadBack() throws Exception {
        Path dataset = Files.createDirectories(dir.resolve("d"));
        Workspace w = Workspace.locate(dataset, dir.resolve("home"), false);
        assertThat(w.readSettings()).isEmpty();
        PrepareConfig config = PrepareConfig.DEFAULTS.withSeed(7).withOutputSize(48);
        w.writeSettings(config);
        assertThat(Workspace.locate(dataset, dir.resolve("home"), false).readSettings()).contains(config);
    }
}
