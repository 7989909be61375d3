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
        // the faceless photo: dropped on the train side (the study), kept whole on the test side
        assertThat(manifest).anyMatch(l -> l.contains("fear/aaa_white.png")
                && (l.startsWith("train,") && l.contains(",dropped,no face,") || l.startsWith("test,") && l.contains(",ok,no face: whole image,0,")));
        // every exported row with a face carries its detection: box, probability, 5 landmarks, alignment angle
        manifest.stream().skip(1).filter(l -> l.contains(",ok,") && !l.contains(",ok,no face: whole image,")).forEach(l -> {
            String[] f = l.split(",", -1);
            assertThat(f[16].split(" ")).as("box of %s", f[4]).hasSize(4);
            assertThat(Double.parseDouble(f[17])).isGreaterThan(0.7);
            assertThat(f[18].split(" ")).hasSize(10);
            assertThat(f[19]).isNotEmpty();
        });
        boolean whiteInTest = manifest.stream().anyMatch(l -> l.startsWith("test,") && l.contains("fear/aaa_white.png"));
        if (whiteInTest) assertThat(r.classes().get(1).wholeImageTest).isEqualTo(1);
        else assertThat(r.classes().get(1).dropped).containsKey("no face");
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

    /**
     * summary.json's augmentation report is recomputed from the files a user has: the manifest's exported copies plus
     * attempts.csv are every draw; net rotation comes from each copy's and its source original's alignment angle.
     */
    @Test
    void augmentationReportMatchesARecomputationFromManifestAndAttempts() throws Exception {
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(32).withBalance(BalanceTarget.fixed(20))
                .withFormats(Set.of(org.ferworkbench.core.export.ExportFormat.NPY));
        Path out = tmp.resolve("report");
        prepare(config, out, new DetectionCache(null));
        var manifest = csv(out.resolve("manifest.csv"));
        var attempts = csv(out.resolve("attempts.csv"));
        assertThat(attempts).as("the study's order loses faces of rotated copies").isNotEmpty();
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        var params = config.augmentation();
        for (var cls : summary.get("classes")) {
            String name = cls.get("class").asText();
            var aug = cls.get("augmentation");
            List<org.apache.commons.csv.CSVRecord> copies = manifest.stream().filter(r -> r.get("class").equals(name)
                    && r.get("kind").equals("copy") && r.get("status").equals("ok")).toList();
            List<org.apache.commons.csv.CSVRecord> discarded = attempts.stream().filter(r -> r.get("class").equals(name)).toList();
            java.util.Map<String, Double> originalAngle = new java.util.HashMap<>();
            manifest.stream().filter(r -> r.get("class").equals(name) && r.get("kind").equals("original")
                    && r.get("split").equals("train") && r.get("status").equals("ok"))
                    .forEach(r -> originalAngle.put(r.get("source"), Double.parseDouble(r.get("align_angle"))));

            double[] exported = copies.stream().mapToDouble(r -> Double.parseDouble(r.get("rotation"))).toArray();
            double[] drawn = java.util.stream.Stream.concat(copies.stream(), discarded.stream())
                    .mapToDouble(r -> Double.parseDouble(r.get("rotation"))).toArray();
            double[] net = copies.stream().mapToDouble(r -> {
                double rot = Double.parseDouble(r.get("rotation"));
                double ac = Double.parseDouble(r.get("align_angle"));
                double a0 = originalAngle.get(r.get("source"));
                return r.get("flip").equals("1") ? rot - ac - a0 : rot + ac - a0;
            }).toArray();

            assertThat(aug.at("/exported/count").asInt()).as(name).isEqualTo(copies.size());
            assertThat(aug.at("/drawn/count").asInt()).as(name).isEqualTo(copies.size() + discarded.size());
            assertThat(counts(aug.at("/drawn/rotation/histogram/counts")))
                    .isEqualTo(org.ferworkbench.core.report.Histogram.of(drawn, params.rotationMin(), params.rotationMax(), 9).counts());
            assertThat(counts(aug.at("/exported/rotation/histogram/counts")))
                    .isEqualTo(org.ferworkbench.core.report.Histogram.of(exported, params.rotationMin(), params.rotationMax(), 9).counts());
            assertThat(counts(aug.at("/netRotation/histogram/counts")))
                    .isEqualTo(org.ferworkbench.core.report.Histogram.of(net, -90, 90, 18).counts());
            assertThat(aug.at("/exported/rotation/mean").asDouble()).isCloseTo(mean(exported), org.assertj.core.data.Offset.offset(2e-3));
            assertThat(aug.at("/netRotation/mean").asDouble()).isCloseTo(mean(net), org.assertj.core.data.Offset.offset(2e-3));
            assertThat(aug.at("/exported/flipped").asInt()).isEqualTo((int) copies.stream().filter(r -> r.get("flip").equals("1")).count());
            java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
            discarded.forEach(r -> reasons.merge(r.get("reason"), 1, Integer::sum));
            java.util.Map<String, Integer> reported = new java.util.TreeMap<>();
            aug.get("discarded").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asInt()));
            assertThat(reported).as(name).isEqualTo(reasons);
            java.util.Map<String, Integer> perSource = new java.util.HashMap<>();
            copies.forEach(r -> perSource.merge(r.get("source"), 1, Integer::sum));
            assertThat(aug.at("/copiesPerSource/exported/max").asInt())
                    .isEqualTo(perSource.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
        // what the issue measured: alignment turns the drawn rotation back, so much less of it survives
        double drawnMean = 0, netAbs = 0;
        int n = 0;
        for (var cls : summary.get("classes")) {
            drawnMean += cls.at("/augmentation/drawn/rotation/mean").asDouble();
            netAbs += Math.abs(cls.at("/augmentation/netRotation/median").asDouble());
            n++;
        }
        assertThat(netAbs / n).as("net rotation left after alignment").isLessThan(drawnMean / n / 2);
    }

    static List<org.apache.commons.csv.CSVRecord> csv(Path file) throws Exception {
        try (var in = Files.newBufferedReader(file)) {
            return org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    static int[] counts(com.fasterxml.jackson.databind.JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(0);
    }
}
