package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparePipelineTest {
    @TempDir
    Path tmp;
    Path dataset;
    final PreparePipeline pipeline = PreparePipeline.withoutDetection();
    final PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(24);

    @BeforeEach
    void makeDataset() throws Exception {
        dataset = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 12, "fear", 5, "joy", 8)), 40);
    }

    PrepareReport run(PrepareConfig c, Path out, int threads) throws Exception {
        return pipeline.run(new PrepareRequest(dataset, out, false, c, threads, Set.of()), ProgressListener.NONE, new Cancellation());
    }

    @Test
    void exportsBalancedTrainAndStratifiedTestWithAllFiles() throws Exception {
        Path out = tmp.resolve("out");
        PrepareReport report = run(config, out, 2);
        // test = round(0.25 n): anger 3, fear 1 (1.25), joy 2; train anger 9, fear 4, joy 6 -> balanced to 9
        NpyFile x = NpyFile.read(out.resolve("x_train.npy"));
        NpyFile y = NpyFile.read(out.resolve("y_train.npy"));
        assertThat(x.descr()).isEqualTo("<f4");
        assertThat(x.shape()).containsExactly(27, 24, 24, 3);
        assertThat(y.descr()).isEqualTo("<i8");
        assertThat(y.labelCounts()).containsExactly(9, 9, 9);
        assertThat(NpyFile.read(out.resolve("y_test.npy")).labelCounts()).containsExactly(3, 1, 2);
        assertThat(x.minFloat()).isGreaterThanOrEqualTo(0f);
        assertThat(x.maxFloat()).isLessThanOrEqualTo(1f).isGreaterThan(0.5f);
        assertThat(report.exportedTrain()).isEqualTo(27);
        assertThat(Files.readString(out.resolve("classes.json"))).contains("\"0\" : \"anger\"").contains("\"2\" : \"joy\"");
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("summary.json")).exists();
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).hasSize(1 + 27 + 6);
        // no source in both splits
        Set<String> trainSources = new java.util.HashSet<>();
        Set<String> testSources = new java.util.HashSet<>();
        manifest.stream().skip(1).map(l -> l.split(",")).forEach(f -> (f[0].equals("train") ? trainSources : testSources).add(f[4]));
        trainSources.retainAll(testSources);
        assertThat(trainSources).isEmpty();
        // copies carry their augmentation and seed
        assertThat(manifest).anyMatch(l -> l.contains(",copy,") && l.contains(",ok,"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    @Test
    void arraysAreByteIdenticalWhateverTheThreadCount() throws Exception {
        run(config, tmp.resolve("one"), 1);
        run(config, tmp.resolve("two"), 2);
        run(config, tmp.resolve("four"), 4);
        for (String f : List.of("x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy", "manifest.csv", "config.json")) {
            byte[] a = Files.readAllBytes(tmp.resolve("one").resolve(f));
            assertThat(Files.readAllBytes(tmp.resolve("two").resolve(f))).as(f).isEqualTo(a);
            assertThat(Files.readAllBytes(tmp.resolve("four").resolve(f))).as(f).isEqualTo(a);
        }
        run(config.withSeed(7), tmp.resolve("seed7"), 2);
        assertThat(Files.readAllBytes(tmp.resolve("seed7/x_train.npy"))).isNotEqualTo(Files.readAllBytes(tmp.resolve("one/x_train.npy")));
    }

    @Test
    void configFileReproducesTheExport() throws Exception {
        PrepareConfig custom = config.withSeed(99).withBalance(BalanceTarget.fixed(6)).withDtype(OutputDtype.UINT8);
        run(custom, tmp.resolve("a"), 2);
        PrepareConfig reread = ConfigFiles.read(tmp.resolve("a/config.json"));
        assertThat(reread).isEqualTo(custom);
        run(reread, tmp.resolve("b"), 1);
        assertThat(Files.readAllBytes(tmp.resolve("b/x_train.npy"))).isEqualTo(Files.readAllBytes(tmp.resolve("a/x_train.npy")));
        NpyFile x = NpyFile.read(tmp.resolve("a/x_train.npy"));
        assertThat(x.descr()).isEqualTo("|u1");
        assertThat(x.shape()).containsExactly(18, 24, 24, 3);
    }

    @Test
    void corruptAndOddFilesAreReportedAndTheRestExported() throws Exception {
        Files.write(dataset.resolve("anger/broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
        Files.write(dataset.resolve("anger/empty.jpg"), new byte[0]);
        Files.writeString(dataset.resolve("joy/readme.jpg"), "just text");
        Files.write(dataset.resolve("joy/really_webp.jpg"), TestData.encode(TestData.image(30, 30, 77), ".webp"));
        Path out = tmp.resolve("out");
        PrepareReport report = run(config, out, 2);
        assertThat(report.skipped()).extracting(s -> s.relativePath())
                .contains("anger/broken.jpg", "anger/empty.jpg", "joy/readme.jpg").doesNotContain("joy/really_webp.jpg");
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertThat(manifest).contains("anger/broken.jpg").contains("unreadable").contains("empty file")
                .contains("not an image").contains("joy/really_webp.jpg");
        assertThat(report.classes().get(0).unreadable).isEqualTo(2);
    }

    @Test
    void rejectedImagesAreExcludedAndBalancingMakesUpForThem() throws Exception {
        Path out = tmp.resolve("base");
        run(config, out, 2);
        // a minority-class train original: the majority target stays 9 and fear gets one more copy instead
        String firstTrain = Files.readAllLines(out.resolve("manifest.csv")).stream().map(l -> l.split(","))
                .filter(f -> f[0].equals("train") && f[3].equals("fear") && f[6].equals("original")).findFirst().orElseThrow()[4];
        Path out2 = tmp.resolve("rejected");
        PrepareReport r = pipeline.run(new PrepareRequest(dataset, out2, false, config, 2, Set.of(firstTrain)),
                ProgressListener.NONE, new Cancellation());
        assertThat(NpyFile.read(out2.resolve("y_train.npy")).labelCounts()).containsExactly(9, 9, 9);
        assertThat(Files.readAllLines(out2.resolve("manifest.csv")))
                .anyMatch(l -> l.startsWith("train,,1,fear," + firstTrain + ",") && l.contains(",rejected,rejected in review"))
                .noneMatch(l -> l.contains("," + firstTrain + ",") && l.contains(",ok,"));
        assertThat(r.classes().get(1).rejected).isEqualTo(1);
        assertThat(r.classes().get(1).plannedCopies).isEqualTo(6);
        // the split of the other images did not move
        assertThat(NpyFile.read(out2.resolve("y_test.npy")).labelCounts()).containsExactly(3, 1, 2);
    }

    @Test
    void existingOutputIsRefusedUnlessOverwriteAndThenReplacedWhole() throws Exception {
        Path out = tmp.resolve("out");
        run(config, out, 2);
        assertThatThrownBy(() -> run(config, out, 2)).isInstanceOf(ExportException.class).hasMessageContaining("already holds an earlier export");
        // a file of the user's inside the export: the folder is no longer only an export, so it is never replaced
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        assertThatThrownBy(() -> pipeline.run(new PrepareRequest(dataset, out, true, config.withSeed(5), 2, Set.of()),
                ProgressListener.NONE, new Cancellation())).isInstanceOf(ExportException.class).hasMessageContaining("my-notes.txt");
        assertThat(out.resolve("my-notes.txt")).hasContent("mine");
        Files.delete(out.resolve("my-notes.txt"));
        // replaced whole: nothing of the earlier export's (its npz bundle) survives in the new one
        pipeline.run(new PrepareRequest(dataset, out, true, config.withFormats(java.util.EnumSet.of(
                org.ferworkbench.core.export.ExportFormat.NPY, org.ferworkbench.core.export.ExportFormat.NPZ)), 2, Set.of()),
                ProgressListener.NONE, new Cancellation());
        assertThat(out.resolve("dataset.npz")).exists();
        pipeline.run(new PrepareRequest(dataset, out, true, config.withSeed(5), 2, Set.of()), ProgressListener.NONE, new Cancellation());
        assertThat(out.resolve("dataset.npz")).doesNotExist();
        assertThat(out.resolve("x_train.npy")).exists();
    }

    @Test
    void cancelLeavesNothingBehindAndKeepsThePreviousExport() throws Exception {
        Path out = tmp.resolve("out");
        run(config, out, 2);
        byte[] before = Files.readAllBytes(out.resolve("x_train.npy"));
        Cancellation cancel = new Cancellation();
        ProgressListener cancelMidway = e -> {
            if (e.stage().startsWith("Preparing") && e.done() > 0) cancel.cancel();
            if (e.stage().startsWith("Reading") && e.done() >= 10) cancel.cancel();
        };
        assertThatThrownBy(() -> pipeline.run(new PrepareRequest(dataset, out, true, config.withSeed(3), 2, Set.of()),
                cancelMidway, cancel)).isInstanceOf(CancellationException.class);
        assertThat(Files.readAllBytes(out.resolve("x_train.npy"))).isEqualTo(before);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "out");
        }
    }

    @Test
    void npzAndPngFormats() throws Exception {
        Path out = tmp.resolve("out");
        run(config.withFormats(EnumSet.of(ExportFormat.NPZ, ExportFormat.PNG)), out, 2);
        assertThat(out.resolve("dataset.npz")).exists();
        assertThat(out.resolve("x_train.npy")).doesNotExist();
        try (var zip = new java.util.zip.ZipFile(out.resolve("dataset.npz").toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .containsExactly("x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy");
        }
        try (Stream<Path> pngs = Files.walk(out.resolve("png"))) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(27 + 6);
        }
        assertThat(out.resolve("png/train/fear")).isDirectory();
    }

    @Test
    void datasetProblemsAreDatasetExceptions() throws Exception {
        Path tiny = TestData.dataset(tmp.resolve("tiny"), Map.of("a", 3, "b", 1), 20);
        assertThatThrownBy(() -> pipeline.run(new PrepareRequest(tiny, tmp.resolve("o"), false, config, 1, Set.of()),
                ProgressListener.NONE, new Cancellation())).isInstanceOf(DatasetException.class).hasMessageContaining("'b'");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aWrongFolderFailsBeforeTheFaceStageStartsLoading() throws Exception {
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        org.ferworkbench.core.image.ImageCodec codec = new org.ferworkbench.core.image.ImageCodec();
        PreparePipeline counting = new PreparePipeline(new org.ferworkbench.core.dataset.DatasetScanner(),
                new SourceReader(codec), new org.ferworkbench.core.plan.ExportPlanner(), codec,
                new org.ferworkbench.core.image.ImageResizer(),
                c -> {
                    loads.incrementAndGet();
                    return FaceStage.WHOLE_IMAGE;
                },
                c -> {
                    throw new AssertionError("no identities asked for");
                });
        Path missing = tmp.resolve("no-such-folder");
        assertThatThrownBy(() -> counting.run(new PrepareRequest(missing, tmp.resolve("o2"), false,
                config.withDetectFaces(true), 1, Set.of()), ProgressListener.NONE, new Cancellation()))
                .isInstanceOf(DatasetException.class);
        assertThat(loads).as("libtorch is not loaded for a folder that cannot be scanned").hasValue(0);

        PrepareReport report = counting.run(new PrepareRequest(dataset, tmp.resolve("o3"), false,
                config.withDetectFaces(true), 2, Set.of()), ProgressListener.NONE, new Cancellation());
        assertThat(loads).as("a good folder loads the stage once").hasValue(1);
        assertThat(report.exportedTrain()).isPositive();
    }

    @Test
    void renderBlocksAreCutByCountAndByTheSourcesPixels() {
        List<RenderJob> jobs = new java.util.ArrayList<>();
        int[] sides = {128, 128, 128, 128, 128, 4000, 4000, 128, 4000, 128};
        for (int i = 0; i < sides.length; i++) {
            var sample = new org.ferworkbench.core.dataset.Sample("a", 0, "a/" + i + ".jpg", Path.of("a/" + i + ".jpg"));
            jobs.add(RenderJob.original(SplitName.TRAIN, new SourceImage(sample, "sha" + i, sides[i], sides[i])));
        }
        long photo = 3L * 4000 * 4000;
        List<List<RenderJob>> blocks = PreparePipeline.blocks(jobs, 4, photo + 3L * 128 * 128 * 2);

        assertThat(blocks.stream().mapToInt(List::size).sum()).isEqualTo(jobs.size());
        assertThat(blocks.stream().flatMap(List::stream).toList()).isEqualTo(jobs);
        assertThat(blocks).allSatisfy(b -> assertThat(b.size()).isBetween(1, 4));
        for (List<RenderJob> b : blocks) {
            long bytes = b.stream().mapToLong(j -> 3L * j.source().width() * j.source().height()).sum();
            if (b.size() > 2) assertThat(bytes).isLessThanOrEqualTo(photo + 3L * 128 * 128 * 2);
        }
        assertThat(blocks.get(0)).as("small images fill a block by count").hasSize(4);
        assertThat(blocks).as("never two of the large photos in one block")
                .allSatisfy(b -> assertThat(b.stream().filter(j -> j.source().width() == 4000).count()).isLessThanOrEqualTo(1));
        assertThat(PreparePipeline.blocks(jobs, 512, Long.MAX_VALUE)).hasSize(1);
    }
}
