package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MTCNN + alignment inside the pipeline, on a small slice of the real muxspace photos (copied to a temporary
 * folder by the test; skipped where ../shared/data or models/ are absent).
 */
class DetectionPipelineTest {
    @TempDir
    Path tmp;
    Path dataset;

    @BeforeEach
    void slice() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        dataset = tmp.resolve("slice");
        // 8 files per class for three classes, in name order: LFW-style and film-still crops
        for (String cls : List.of("disgust", "fear", "happiness")) {
            Files.createDirectories(dataset.resolve(cls));
            try (Stream<Path> files = Files.list(mux.resolve(cls))) {
                for (Path f : files.sorted().limit(8).toList()) Files.copy(f, dataset.resolve(cls).resolve(f.getFileName()));
            }
        }
        // a photo with no face at all in the train side of a class
        Files.copy(TestData.sharedDataOrSkip("faces").resolve("white.png"), dataset.resolve("fear/aaa_white.png"));
    }

    PrepareReport prepare(PrepareConfig config, Path out, DetectionCache cache) throws Exception {
        return prepare(config, out, cache, 2);
    }

    PrepareReport prepare(PrepareConfig config, Path out, DetectionCache cache, int threads) throws Exception {
        return PreparePipeline.standard(cache).run(new PrepareRequest(dataset, out, false, config, threads, Set.of()),
                ProgressListener.NONE, new Cancellation());
    }

    @Test
    void detectionGivesTheSameExportWithOneOrThreeWorkers() throws Exception {
        // the face stage shares each block out to the workers: the shards must not depend on how many there are
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(48).withBalance(BalanceTarget.fixed(10));
        prepare(config, tmp.resolve("one"), new DetectionCache(null), 1);
        prepare(config, tmp.resolve("three"), new DetectionCache(null), 3);
        for (String f : List.of("x_train.npy", "y_train.npy", "x_test.npy", "manifest.csv")) {
            assertThat(Files.mismatch(tmp.resolve("one").resolve(f), tmp.resolve("three").resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void studyOrderDropsFacelessImagesAndStillBalancesAfterDetection() throws Exception {
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(48).withBalance(BalanceTarget.fixed(10));
        DetectionCache cache = new DetectionCache(tmp.resolve("cache"));
        Path out = tmp.resolve("out");
        PrepareReport r = prepare(config, out, cache);

        NpyFile y = NpyFile.read(out.resolve("y_train.npy"));
        assertThat(y.labelCounts()).as("train classes equal after detection").containsExactly(10, 10, 10);
        assertThat(NpyFile.read(out.resolve("x_train.npy")).shape()).containsExactly(30, 48, 48, 3);
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest).anyMatch(l -> l.contains("fear/aaa_white.png") && l.contains("dropped") && l.contains("no face"));
        // every exported row carries its detection: box, probability, 5 landmarks, alignment angle
        manifest.stream().skip(1).filter(l -> l.contains(",ok,")).forEach(l -> {
            String[] f = l.split(",", -1);
            assertThat(f[16].split(" ")).as("box of %s", f[4]).hasSize(4);
            assertThat(Double.parseDouble(f[17])).isGreaterThan(0.7);
            assertThat(f[18].split(" ")).hasSize(10);
            assertThat(f[19]).isNotEmpty();
        });
        assertThat(r.classes().get(1).dropped).containsKey("no face");
        assertThat(r.faceStage()).contains("MTCNN");

        // the second export reuses the cached detections of the sources and gives the same arrays
        int cached = cache.size(config.face().detector());
        assertThat(cached).isGreaterThanOrEqualTo(24);
        DetectionCache reopened = new DetectionCache(tmp.resolve("cache"));
        prepare(config, tmp.resolve("again"), reopened);
        assertThat(reopened.size(config.face().detector())).isEqualTo(cached);
        assertThat(Files.mismatch(out.resolve("x_train.npy"), tmp.resolve("again/x_train.npy"))).isEqualTo(-1L);
    }

    @Test
    void detectFirstOrderAugmentsAlignedFacesWithoutLosingCopies() throws Exception {
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(48).withBalance(BalanceTarget.fixed(10))
                .withFace(FaceOptions.DEFAULTS.withOrder(PipelineOrder.DETECT_THEN_AUGMENT));
        Path out = tmp.resolve("out");
        prepare(config, out, new DetectionCache(null));
        assertThat(NpyFile.read(out.resolve("y_train.npy")).labelCounts()).containsExactly(10, 10, 10);
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest.stream().filter(l -> l.contains(",copy,") && l.contains(",ok,")))
                .allSatisfy(l -> assertThat(l.split(",", -1)[8]).as("attempt").isEqualTo("0"));
    }

    /**
     * The study drops faceless images from the training set only: with the defaults every test image of the split
     * is exported, the faceless ones whole, and the summary counts them. Whole muxspace_fer6, no copies (the test
     * side is what is checked; copies would only add detection time).
     */
    @Test
    void defaultsExportEveryTestImageOfMuxspaceTheFacelessOnesWhole() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(32).withBalance(BalanceTarget.NONE)
                .withFormats(Set.of(org.ferworkbench.core.export.ExportFormat.NPY));
        Path out = tmp.resolve("mux");
        PrepareReport r = PreparePipeline.standard(new DetectionCache(null)).run(
                new PrepareRequest(mux, out, false, config, 2, Set.of()), ProgressListener.NONE, new Cancellation());
        // test = round(0.25 n) per class, as without detection (RealDatasetTest)
        assertThat(r.classes()).extracting(c -> c.exportedTest).containsExactly(63, 52, 5, 100, 67, 92);
        List<String[]> test = Files.readAllLines(out.resolve("manifest.csv")).stream().skip(1).map(l -> l.split(",", -1))
                .filter(f -> f[0].equals("test")).toList();
        assertThat(test).hasSize(379).allSatisfy(f -> assertThat(f[13]).as("status").isEqualTo("ok"));
        List<String[]> whole = test.stream().filter(f -> f[15].equals("0")).toList();
        assertThat(whole).as("muxspace has faceless test images").isNotEmpty()
                .allSatisfy(f -> assertThat(f[14]).endsWith(": whole image"));
        assertThat(r.classes().stream().mapToInt(c -> c.wholeImageTest).sum()).isEqualTo(whole.size());
        assertThat(r.plan().classes().stream().mapToInt(c -> c.wholeImageTest()).sum()).isEqualTo(whole.size());
        // training keeps the study's rule
        assertThat(r.classes().stream().mapToInt(c -> c.dropped.getOrDefault("no face", 0)).sum()).isPositive();
    }
}
