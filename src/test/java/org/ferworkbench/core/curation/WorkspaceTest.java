package org.ferworkbench.core.curation;

import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.OddNames;
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

    @Test
    void aDatasetNameThatIsNotUtf8KeepsItsBytesAndItsOwnWorkspace() throws Exception {
        OddNames.assumeRawNames(dir);
        Path parent = Files.createDirectories(dir.resolve("data"));
        Path a = folderMadeByTheShell(parent, "set\\377", "set\\xff");
        Path b = folderMadeByTheShell(parent, "set\\376", "set\\xfe");
        Workspace beside = Workspace.locate(a, dir.resolve("home"), true);
        assertThat(beside.isBesideDataset()).isTrue();
        assertThat(OddNames.exists(parent, "set\\377.fer-workbench/README.txt")).as("beside the dataset, same bytes").isTrue();
        // per-user folders: named by display text, and two names the locale shows alike are not mixed up
        Path wa = Workspace.locate(a, dir.resolve("home"), false).folder();
        Path wb = Workspace.locate(b, dir.resolve("home"), false).folder();
        assertThat(FileNames.of(wa)).startsWith("set\\xff-");
        assertThat(FileNames.of(wb)).startsWith("set\\xfe-");
        assertThat(wa).isNotEqualTo(wb);
    }

    private static Path folderMadeByTheShell(Path parent, String printfName, String display) throws Exception {
        assertThat(OddNames.write(parent, printfName + "/keep", new byte[0])).isTrue();
        return OddNames.listed(parent, display);
    }
}
