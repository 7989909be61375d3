package org.ferworkbench.cli;

import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path tmp;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    Path dataset() throws Exception {
        return TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 6, "fear", 3)), 32);
    }

    @Test
    void prepareWritesArraysAndPrintsASummary() throws Exception {
        Path data = dataset();
        Files.writeString(data.resolve("anger/notes.txt"), "x");
        CliRun r = cli("prepare", data.toString(), "--out", tmp.resolve("out").toString(), "--no-detect", "--size", "32",
                "--seed", "3", "--rotation", "-10,10", "--brightness", "0.5,1", "--dtype", "uint8", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Exported to").contains("anger").contains("fear").contains("notes.txt");
        NpyFile y = NpyFile.read(tmp.resolve("out/y_train.npy"));
        assertThat(y.labelCounts()).containsExactly(4, 4); // train 4 + 2 (balanced to 4)
        String config = Files.readString(tmp.resolve("out/config.json"));
        assertThat(config).contains("\"seed\" : 3").contains("\"rotationMin\" : -10.0").contains("\"dtype\" : \"uint8\"");
    }

    @Test
    void decisionsFromTheAppLeaveRejectedImagesOut() throws Exception {
        Path data = dataset();
        Path workspace = tmp.resolve("data" + org.ferworkbench.core.curation.Workspace.SUFFIX);
        String rejected;
        try (var journal = org.ferworkbench.core.curation.DecisionJournal.open(workspace.resolve("decisions.jsonl"));
             var names = Files.list(data.resolve("anger"))) {
            rejected = "anger/" + names.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
            journal.record(new org.ferworkbench.core.curation.ReviewDecision(rejected,
                    org.ferworkbench.core.curation.Verdict.REJECTED, org.ferworkbench.core.curation.RejectReason.WRONG_FACE, "", null));
            journal.record(new org.ferworkbench.core.curation.ReviewDecision("fear/whatever.png",
                    org.ferworkbench.core.curation.Verdict.ACCEPTED, null, "", null));
        }
        CliRun r = cli("prepare", data.toString(), "--out", tmp.resolve("out").toString(), "--no-detect", "--size", "24",
                "--balance", "none", "--decisions", workspace.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 image(s) rejected in review were left out");
        String manifest = Files.readString(tmp.resolve("out/manifest.csv"));
        assertThat(manifest.lines().filter(l -> l.contains(rejected)))
                .singleElement().satisfies(l -> assertThat(l).contains("rejected in review"));
        int rows = java.util.Arrays.stream(NpyFile.read(tmp.resolve("out/y_train.npy")).labelCounts()).sum()
                + java.util.Arrays.stream(NpyFile.read(tmp.resolve("out/y_test.npy")).labelCounts()).sum();
        assertThat(rows).as("9 images, one rejected").isEqualTo(8);

        CliRun missing = cli("prepare", data.toString(), "--out", tmp.resolve("out2").toString(), "--no-detect",
                "--decisions", tmp.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("No review decisions at");
        assertThat(tmp.resolve("out2")).doesNotExist();
    }

    @Test
    void configFileThenOptionsOverride() throws Exception {
        Path data = dataset();
        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("a").toString(), "--no-detect", "--size", "24").code()).isZero();
        CliRun r = cli("prepare", data.toString(), "--out", tmp.resolve("b").toString(), "--config",
                tmp.resolve("a/config.json").toString(), "--seed", "8");
        assertThat(r.code()).as(r.err()).isZero();
        String config = Files.readString(tmp.resolve("b/config.json"));
        assertThat(config).contains("\"seed\" : 8").contains("\"outputSize\" : 24").contains("\"detectFaces\" : false");
    }

    /** --crop-fill reaches the export's config.json, which gives it back as --config, and a bad value is named. */
    @Test
    void cropFillGoesFromTheOptionToConfigJsonAndBack() throws Exception {
        Path data = dataset();
        CliRun a = cli("prepare", data.toString(), "--out", tmp.resolve("a").toString(), "--no-detect", "--size", "24",
                "--crop-fill", "clip");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(Files.readString(tmp.resolve("a/config.json"))).contains("\"cropFill\" : \"CLIP\"");
        assertThat(org.ferworkbench.core.settings.ConfigFiles.read(tmp.resolve("a/config.json")).face().cropFill())
                .isEqualTo(org.ferworkbench.core.align.CropFill.CLIP);
        CliRun b = cli("prepare", data.toString(), "--out", tmp.resolve("b").toString(), "--config",
                tmp.resolve("a/config.json").toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(Files.readString(tmp.resolve("b/config.json"))).isEqualTo(Files.readString(tmp.resolve("a/config.json")));
        CliRun c = cli("prepare", data.toString(), "--out", tmp.resolve("c").toString(), "--config",
                tmp.resolve("a/config.json").toString(), "--crop-fill", "edge");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readString(tmp.resolve("c/config.json"))).contains("\"cropFill\" : \"EDGE\"");
        // the default is written too, so an export says what it did
        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("d").toString(), "--no-detect", "--size", "24").code()).isZero();
        assertThat(Files.readString(tmp.resolve("d/config.json"))).contains("\"cropFill\" : \"BLACK\"");
        CliRun bad = cli("prepare", data.toString(), "--out", tmp.resolve("e").toString(), "--no-detect", "--crop-fill", "mirror");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("Error: --crop-fill: crop fill must be one of edge, black, clip, got 'mirror'");
    }

    @Test
    void badInputExitsWithTwoAndOneClearSentence() throws Exception {
        Path data = dataset();
        CliRun missing = cli("prepare", tmp.resolve("nope").toString(), "--out", tmp.resolve("o").toString(), "--no-detect");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Error: Dataset folder does not exist").doesNotContain("Exception").doesNotContain("\tat ");

        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("o").toString(), "--no-detect", "--balance", "lots").code()).isEqualTo(2);
        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("o").toString(), "--no-detect", "--test-ratio", "1.5").err())
                .contains("test ratio must be between 0 and 1");
        assertThat(cli("prepare", data.toString(), "--no-detect").code()).isEqualTo(2); // --out missing
        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("o").toString(), "--no-detect", "--rotation", "5").err())
                .contains("--rotation: rotation range must be two numbers MIN,MAX");
        Files.createDirectories(tmp.resolve("exists"));
        CliRun exists = cli("prepare", data.toString(), "--out", tmp.resolve("exists").toString(), "--no-detect");
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err()).contains("the folder exists and it is an empty folder");

        Path oneImage = TestData.dataset(tmp.resolve("one"), Map.of("a", 4, "b", 1), 16);
        CliRun tooSmall = cli("prepare", oneImage.toString(), "--out", tmp.resolve("o2").toString(), "--no-detect");
        assertThat(tooSmall.code()).isEqualTo(2);
        assertThat(tooSmall.err()).contains("Class 'b' has 1 usable image");
    }

    @Test
    void unwritableOutputFailsWithOneAndLeavesNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path data = dataset();
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        locked.toFile().setWritable(false);
        // root ignores permission bits; /proc refuses new folders to everyone
        Path target = Files.isWritable(locked) ? Path.of("/proc/fer-workbench-test/out") : locked.resolve("out");
        try {
            CliRun r = cli("prepare", data.toString(), "--out", target.toString(), "--no-detect");
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("Error: Cannot create the output's parent folder").doesNotContain("\tat ");
            assertThat(r.err().strip().lines()).hasSize(1);
        } finally {
            locked.toFile().setWritable(true);
        }
        try (var files = Files.list(locked)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void statsPrintsClassesAndJson() throws Exception {
        Path data = dataset();
        Files.write(data.resolve("fear/broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        CliRun table = cli("stats", data.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("anger").contains("fear").contains("fear/broken.jpg");
        CliRun json = cli("stats", data.toString(), "--json");
        assertThat(json.out()).contains("\"name\" : \"anger\"").contains("\"files\" : 6").contains("\"readable\" : 3")
                .contains("fear/broken.jpg");
        assertThat(cli("stats", tmp.resolve("missing").toString()).code()).isEqualTo(2);
    }

    @Test
    void dryRunPrintsThePlanTheExportThenWrites() throws Exception {
        Path data = dataset();
        CliRun plan = cli("prepare", data.toString(), "--dry-run", "--json", "--no-detect", "--seed", "5");
        assertThat(plan.code()).as(plan.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.out());
        assertThat(json.get("classes")).hasSize(2);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing written").containsExactly("data");
        }
        CliRun table = cli("prepare", data.toString(), "--dry-run", "--no-detect", "--seed", "5");
        assertThat(table.out()).contains("x_train").contains("Dry run: nothing was written");

        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("out").toString(), "--no-detect", "--seed", "5",
                "--size", "16").code()).isZero();
        int[] train = NpyFile.read(tmp.resolve("out/y_train.npy")).labelCounts();
        int[] test = NpyFile.read(tmp.resolve("out/y_test.npy")).labelCounts();
        for (var c : json.get("classes")) {
            int label = c.get("label").asInt();
            assertThat(c.get("final_train").asInt()).isEqualTo(train[label]);
            assertThat(c.get("final_test").asInt()).isEqualTo(test[label]);
        }
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(summary.get("plan")).isEqualTo(json.get("classes"));

        assertThat(cli("prepare", data.toString(), "--no-detect").err()).contains("Missing required option: '--out=<dir>'");
        assertThat(cli("prepare", data.toString(), "--out", tmp.resolve("o2").toString(), "--json").code()).isEqualTo(2);
    }
}
