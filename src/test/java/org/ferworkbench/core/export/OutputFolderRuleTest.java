package org.ferworkbench.core.export;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFolderRuleTest {
    @TempDir
    Path tmp;
    Path dataset;
    List<OutputFolderRule.Kept> kept;

    @BeforeEach
    void dataset() throws Exception {
        dataset = Files.createDirectories(tmp.resolve("p/ds/anger"));
        dataset = dataset.getParent();
        Files.writeString(dataset.resolve("anger/a.jpg"), "photo");
        kept = List.of(new OutputFolderRule.Kept("the dataset", dataset));
    }

    private void refused(Path out, boolean replace, String... words) {
        assertThatThrownBy(() -> OutputFolderRule.check(out, replace, kept))
                .isInstanceOf(OutputRefusedException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(words).doesNotContain("\n");
                    assertThat(e.getMessage()).contains(out.toAbsolutePath().normalize().toString());
                });
    }

    @Test
    void theDatasetAFolderInsideItOrAFolderAboveItIsRefusedWithOrWithoutReplace() {
        for (boolean replace : new boolean[]{false, true}) {
            refused(dataset, replace, "it is the dataset");
            refused(dataset.resolve("anger"), replace, "it is inside the dataset");
            refused(dataset.resolve("anger/new/deeper"), replace, "it is inside the dataset");
            refused(tmp.resolve("p"), replace, "it contains the dataset");
            refused(tmp, replace, "it contains the dataset");
        }
    }

    @Test
    void otherSpellingsOfTheSamePlaceAreCaught() throws Exception {
        refused(tmp.resolve("p/ds/../ds/./anger/x"), true, "inside the dataset");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dataset);
        refused(link.resolve("out"), true, "inside the dataset");
        // the dataset given through a link, the output through the real path
        kept = List.of(new OutputFolderRule.Kept("the dataset", link));
        refused(dataset.resolve("out"), true, "inside the dataset");
        // a link to a folder above the dataset
        Path up = Files.createSymbolicLink(tmp.resolve("up"), tmp.resolve("p"));
        refused(up, true, "it contains the dataset");
        refused(up.resolve("ds/new"), true, "inside the dataset");
    }

    @Test
    void existingFoldersThatAreNotExportsAreNeverReplaced() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        refused(empty, true, "empty folder");
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "x");
        refused(photos, true, "no .fer-workbench-export marker");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        refused(file, true, "is a file");
    }

    @Test
    void anEarlierExportIsReplacedOnlyWhenAskedAndOnlyIfItHoldsNothingElse() throws Exception {
        Path export = fakeExport(tmp.resolve("out"));
        refused(export, false, "already holds an earlier export", "--overwrite");
        assertThatCode(() -> OutputFolderRule.check(export, true, kept)).doesNotThrowAnyException();

        Files.writeString(export.resolve("notes.txt"), "mine");
        refused(export, true, "holds files an export does not write (notes.txt)");
        Files.delete(export.resolve("notes.txt"));

        Files.createDirectories(export.resolve("png/train/anger"));
        Files.writeString(export.resolve("png/train/anger/000000_a.png"), "png");
        assertThat(ExportFolder.isExport(export)).isTrue();
        Files.writeString(export.resolve("png/train/anger/keep.txt"), "mine");
        refused(export, true, "png/train/anger/keep.txt");
        Files.delete(export.resolve("png/train/anger/keep.txt"));

        Files.delete(export.resolve("summary.json"));
        refused(export, true, "lacks summary.json");
        fakeExport(export);
        Files.delete(export.resolve(ExportFolder.MARKER));
        refused(export, true, "no .fer-workbench-export marker");
    }

    @Test
    void everyKeptPathIsGuardedNotOnlyTheDataset() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("p/ds.fer-workbench"));
        Path decisions = Files.writeString(tmp.resolve("decisions.jsonl"), "{}\n");
        kept = List.of(new OutputFolderRule.Kept("the dataset", dataset),
                new OutputFolderRule.Kept("the review workspace", workspace),
                new OutputFolderRule.Kept("the review decisions", decisions));
        refused(workspace, true, "it is the review workspace");
        refused(workspace.resolve("export"), true, "inside the review workspace");
        refused(decisions, true, "it is the review decisions");
        // a sibling of the dataset is fine, and so is a path that merely starts with the dataset's name
        assertThatCode(() -> OutputFolderRule.check(tmp.resolve("p/ds-export"), false, kept)).doesNotThrowAnyException();
        assertThatCode(() -> OutputFolderRule.check(tmp.resolve("p/dsx/out"), false, kept)).doesNotThrowAnyException();
    }

    static Path fakeExport(Path folder) throws Exception {
        Files.createDirectories(folder);
        for (String f : List.of("x_train.npy", "x_test.npy", "y_train.npy", "y_test.npy", "classes.json", "config.json",
                "manifest.csv", "summary.json")) {
            Files.writeString(folder.resolve(f), f);
        }
        ExportFolder.markComplete(folder, "test", "export");
        return folder;
    }
}
