package org.ferworkbench.cli;

import org.ferworkbench.core.curation.DecisionJournal;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.Verdict;
import org.ferworkbench.core.curation.Workspace;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-safety cases of the command line, each with its exact outcome: exit code, the one sentence printed, what
 * exists on disk afterwards, and the user's files byte-identical.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;
    Path parent;
    Path data;
    Map<String, String> before;

    @BeforeEach
    void datasetWithANoteBesideIt() throws Exception {
        parent = Files.createDirectories(tmp.resolve("p"));
        data = TestData.dataset(parent.resolve("ds"), new TreeMap<>(Map.of("anger", 6, "fear", 4)), 24);
        Files.writeString(parent.resolve("notes.txt"), "keep");
        before = InterruptTest.hashes(parent);
    }

    private CliRun prepare(String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("prepare", data.toString(), "--out", out, "--no-detect", "--size", "16"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A decisions.jsonl rejecting the given relative paths. */
    private Path rejections(String... paths) throws Exception {
        Path file = tmp.resolve("decisions.jsonl");
        try (DecisionJournal journal = DecisionJournal.open(file)) {
            for (String p : paths) journal.record(new ReviewDecision(p, Verdict.REJECTED, RejectReason.WRONG_FACE, "", null));
        }
        return file;
    }

    private void refusedAndNothingTouched(CliRun r, String... words) throws Exception {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("Error: Refusing to export to ").contains(words).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(InterruptTest.hashes(parent)).isEqualTo(before);
        try (var s = Files.list(parent)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("ds", "notes.txt");
        }
    }

    @Test
    void theIssuesReproductionNoLongerDeletesAnything() throws Exception {
        // prepare p/ds --out p --overwrite deleted p/ds and p/notes.txt; --out p/ds deleted the photos
        refusedAndNothingTouched(prepare(parent.toString(), "--overwrite"), "it contains the dataset");
        refusedAndNothingTouched(prepare(data.toString(), "--overwrite"), "it is the dataset");
        refusedAndNothingTouched(prepare(data.resolve("anger").toString(), "--overwrite"), "it is inside the dataset");
        refusedAndNothingTouched(prepare(data.resolve("anger/../fear/./new").toString()), "it is inside the dataset");
        refusedAndNothingTouched(prepare(data + "/..", "--overwrite"), "it contains the dataset");
        Path link = Files.createSymbolicLink(tmp.resolve("shortcut"), data);
        refusedAndNothingTouched(prepare(link.resolve("out").toString(), "--overwrite"), "it is inside the dataset");
        Path up = Files.createSymbolicLink(tmp.resolve("up"), parent);
        refusedAndNothingTouched(prepare(up.toString(), "--overwrite"), "it contains the dataset");
    }

    @Test
    void existingFoldersAreRefusedUnlessTheyAreAnEarlierExport() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = prepare(empty.toString(), "--overwrite");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Error: Refusing to export to " + empty + ": the folder exists and it is an empty "
                + "folder, not an export of FER Workbench; only an earlier export of this tool is ever replaced (choose a new folder)");
        assertThat(empty).isEmptyDirectory();

        Path out = tmp.resolve("out");
        assertThat(prepare(out.toString()).code()).isZero();
        CliRun again = prepare(out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds an earlier export").contains("--overwrite");
        Files.writeString(out.resolve("my-results.txt"), "accuracy 0.71");
        CliRun withMine = prepare(out.toString(), "--overwrite");
        assertThat(withMine.code()).isEqualTo(2);
        assertThat(withMine.err()).contains("holds files an export does not write (my-results.txt)");
        assertThat(out.resolve("my-results.txt")).hasContent("accuracy 0.71");
        Files.delete(out.resolve("my-results.txt"));
        CliRun replaced = prepare(out.toString(), "--overwrite", "--seed", "9");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"seed\" : 9");
    }

    @Test
    void outputNamesWithGlobCharactersWorkAndTouchNothingElse() throws Exception {
        Path unrelated = Files.createDirectories(tmp.resolve(".xyz.partial-12345678"));
        Files.writeString(unrelated.resolve(".fer-workbench-staging"), "another tool's, or a user's, folder");
        for (String name : List.of("x*", "x{a", "x[0-9]")) {
            CliRun r = prepare(tmp.resolve(name).toString());
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            CliRun again = prepare(tmp.resolve(name).toString(), "--overwrite");
            assertThat(again.code()).as(name + ": " + again.err()).isZero();
        }
        assertThat(unrelated.resolve(".fer-workbench-staging")).exists();
    }

    @Test
    void theReviewWorkspaceAndDecisionsAreKeptLikeTheDataset() throws Exception {
        Path workspace = parent.resolve("ds" + Workspace.SUFFIX);
        try (DecisionJournal journal = DecisionJournal.open(workspace.resolve("decisions.jsonl"))) {
            journal.record(new ReviewDecision("anger/anger_000.jpg", Verdict.REJECTED, RejectReason.WRONG_FACE, "", null));
        }
        CliRun intoWorkspace = prepare(workspace.resolve("export").toString());
        assertThat(intoWorkspace.code()).isEqualTo(2);
        assertThat(intoWorkspace.err()).contains("it is inside the review workspace");
        CliRun overWorkspace = prepare(workspace.toString(), "--overwrite", "--decisions", workspace.toString());
        assertThat(overWorkspace.code()).isEqualTo(2);
        assertThat(overWorkspace.err()).contains("it is the review workspace");
        assertThat(workspace.resolve("decisions.jsonl")).exists();
    }

    @Test
    void decisionsThatNameNoImageAreCountedAndListed() throws Exception {
        Path journalFile = rejections("anger/anger_001.jpg", "anger/renamed.jpg", "sadness/gone.jpg", "fear/fear_000.jpg");
        CliRun r = prepare(tmp.resolve("out").toString(), "--decisions", journalFile.toString(), "--balance", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 image(s) rejected in review were left out")
                .contains("Warning: 2 decision(s) name images that are not in the dataset: anger/renamed.jpg, sadness/gone.jpg");
        int rows = java.util.Arrays.stream(NpyFile.read(tmp.resolve("out/y_train.npy")).labelCounts()).sum()
                + java.util.Arrays.stream(NpyFile.read(tmp.resolve("out/y_test.npy")).labelCounts()).sum();
        assertThat(rows).isEqualTo(10 - 2);
        assertThat(Files.readString(tmp.resolve("out/summary.json"))).contains("\"unknownRejections\" : [ \"anger/renamed.jpg\", \"sadness/gone.jpg\" ]");
    }

    @Test
    void aClassWithNoUsableImageStopsTheExportUnlessLeftOutOnRequest() throws Exception {
        Path broken = Files.createDirectories(data.resolve("disgust"));
        Files.writeString(broken.resolve("a.jpg"), "not a jpeg");
        Files.write(broken.resolve("b.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        CliRun stats = CliRun.of("stats", data.toString());
        assertThat(stats.code()).isZero();
        assertThat(stats.out()).contains("Warning: class 'disgust' has 0 usable images: prepare needs at least 2 per class");

        Path out = tmp.resolve("out");
        CliRun r = prepare(out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("Error: Class 'disgust' has no usable image (2 unreadable)")
                .contains("--skip-empty-classes");
        assertThat(out).doesNotExist();

        CliRun leftOut = prepare(out.toString(), "--skip-empty-classes");
        assertThat(leftOut.code()).as(leftOut.err()).isZero();
        assertThat(leftOut.out()).contains("Note: Left out the class 'disgust' (2 unreadable)");
        assertThat(Files.readString(out.resolve("classes.json"))).isEqualToIgnoringWhitespace("{\"0\":\"anger\",\"1\":\"fear\"}");
        assertThat(NpyFile.read(out.resolve("y_train.npy")).labelCounts()).hasSize(2);
        assertThat(Files.readString(out.resolve("manifest.csv"))).contains("disgust/a.jpg").contains("class 'disgust' left out");
    }

    @Test
    void aClassWhoseImagesWereAllRejectedStopsTheExport() throws Exception {
        Path journalFile = rejections("fear/fear_000.jpg", "fear/fear_001.jpg", "fear/fear_002.jpg", "fear/fear_003.jpg");
        CliRun r = prepare(tmp.resolve("out").toString(), "--decisions", journalFile.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Error: Class 'fear' has no usable image (4 rejected in review)");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void theOtherCommandsNeverReplaceAUsersFileEither() throws Exception {
        Path photo = data.resolve("anger/anger_000.jpg");
        CliRun intoPhoto = CliRun.of("detect", data.toString(), "--json", photo.toString());
        assertThat(intoPhoto.code()).isEqualTo(2);
        assertThat(intoPhoto.err().strip()).isEqualTo("Error: Refusing to replace " + photo
                + ": it exists and is not an earlier output of detect (choose a new file name)");
        CliRun intoNotes = CliRun.of("detect", data.toString(), "--json", parent.resolve("notes.txt").toString());
        assertThat(intoNotes.code()).isEqualTo(2);
        assertThat(InterruptTest.hashes(parent)).isEqualTo(before);

        CliRun generator = CliRun.of("benchmark", "make-dataset", "--fer2013", tmp.resolve("absent.tar.gz").toString(),
                "--out", parent.toString());
        assertThat(generator.code()).isEqualTo(2);
        assertThat(generator.err()).contains("Refusing to write into " + parent + ": the folder exists and is not empty");
        assertThat(InterruptTest.hashes(parent)).isEqualTo(before);
    }
}
