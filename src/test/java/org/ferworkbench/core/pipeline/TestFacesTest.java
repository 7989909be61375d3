package org.ferworkbench.core.pipeline;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@code --test-faces} choice through the whole export, on generated images whose faces are known: the
 * detection cache is filled beforehand (by content hash), so the face stage uses these boxes instead of running
 * MTCNN, and what each policy keeps can be checked row by row in the manifest and the arrays.
 */
class TestFacesTest {
    @TempDir
    Path tmp;
    Path dataset;
    /** Known faces by file name: none, one, or two (a large weak face and a small confident one). */
    final Map<String, List<FaceDetection>> faces = new TreeMap<>();
    final Map<String, String> shaByName = new TreeMap<>();
    final DetectionCache cache = new DetectionCache(null);

    static FaceDetection face(double x1, double y1, double side, double prob) {
        return new FaceDetection(x1, y1, x1 + side, y1 + side, prob, List.of(
                new FaceDetection.Landmark(x1 + side * .3, y1 + side * .4), new FaceDetection.Landmark(x1 + side * .7, y1 + side * .4),
                new FaceDetection.Landmark(x1 + side * .5, y1 + side * .6), new FaceDetection.Landmark(x1 + side * .35, y1 + side * .8),
                new FaceDetection.Landmark(x1 + side * .65, y1 + side * .8)));
    }

    static final FaceDetection BIG = face(4, 4, 30, 0.91);
    static final FaceDetection SMALL = face(40, 40, 16, 0.999);

    @BeforeEach
    void datasetWithKnownFaces() throws Exception {
        dataset = TestData.dataset(tmp.resolve("data"), Map.of("anger", 12, "joy", 12), 64);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dataset)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<FaceDetection>> bySha = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            List<FaceDetection> f = switch (i % 3) {
                case 0 -> List.of();
                case 1 -> List.of(BIG);
                default -> List.of(BIG, SMALL);
            };
            String name = files.get(i).getFileName().toString();
            String hash = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(files.get(i))));
            faces.put(name, f);
            shaByName.put(name, hash);
            bySha.put(hash, f);
        }
        cache.putAll(PrepareConfig.DEFAULTS.face().detector(), bySha);
    }

    PrepareConfig config(FacePolicy test) {
        // no copies (nothing new to detect), the MTCNN eye points (no 68-point net on noise), 16x16 rows
        return PrepareConfig.DEFAULTS.withBalance(BalanceTarget.NONE).withOutputSize(16).withDtype(OutputDtype.UINT8)
                .withFace(PrepareConfig.DEFAULTS.face().withAlignment(AlignmentMethod.EYES)
                        .withPolicies(PrepareConfig.DEFAULTS.face().trainPolicy(), test));
    }

    record Run(PrepareReport report, List<CSVRecord> manifest, Path out) {
        List<CSVRecord> rows(String split) {
            return manifest.stream().filter(r -> r.get("split").equals(split)).toList();
        }
    }

    Run prepare(FacePolicy test) throws Exception {
        Path out = tmp.resolve("out-" + test);
        PrepareReport report = PreparePipeline.standard(cache).run(new PrepareRequest(dataset, out, false, config(test), 2, Set.of()),
                ProgressListener.NONE, new Cancellation());
        try (Reader r = Files.newBufferedReader(out.resolve("manifest.csv"))) {
            List<CSVRecord> rows = new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords());
            return new Run(report, rows, out);
        }
    }

    static String name(CSVRecord r) {
        return Path.of(r.get("source")).getFileName().toString();
    }

    @Test
    void theDefaultKeepsEveryTestImageAndExportsTheFacelessOnesWhole() throws Exception {
        assertThat(PrepareConfig.DEFAULTS.face().testPolicy()).isEqualTo(FacePolicy.WHOLE_IMAGE_IF_NONE);
        Run run = prepare(FacePolicy.WHOLE_IMAGE_IF_NONE);
        List<CSVRecord> test = run.rows("test");
        assertThat(test).hasSize(6).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("ok"));
        List<CSVRecord> faceless = test.stream().filter(r -> faces.get(name(r)).isEmpty()).toList();
        assertThat(faceless).as("the split puts some faceless images in test").isNotEmpty();
        NpyFile x = NpyFile.read(run.out().resolve("x_test.npy"));
        ImageCodec codec = new ImageCodec();
        for (CSVRecord r : faceless) {
            assertThat(r.get("face_count")).isEqualTo("0");
            assertThat(r.get("reason")).isEqualTo("no face: whole image");
            assertThat(r.get("box")).isEmpty();
            // the row is the whole image resized, exactly as --no-detect would make it
            RgbImage whole = new ImageResizer().resize(codec.decode(Files.readAllBytes(dataset.resolve(r.get("source")))), 16, 16);
            int index = Integer.parseInt(r.get("index"));
            byte[] row = new byte[16 * 16 * 3];
            x.data().position(index * row.length);
            x.data().get(row);
            assertThat(row).isEqualTo(whole.pixels());
        }
        // two faces: the largest, aligned as before
        test.stream().filter(r -> faces.get(name(r)).size() == 2).forEach(r -> {
            assertThat(r.get("face_count")).isEqualTo("2");
            assertThat(r.get("box")).isEqualTo("4.0000 4.0000 34.0000 34.0000");
        });
        int whole = run.report().classes().stream().mapToInt(c -> c.wholeImageTest).sum();
        assertThat(whole).isEqualTo(faceless.size());
        assertThat(run.report().plan().classes().stream().mapToInt(c -> c.wholeImageTest()).sum())
                .as("the plan counted the same before rendering").isEqualTo(faceless.size());
        assertThat(run.report().exportedTest()).isEqualTo(6);
        // train keeps the study's rule: exactly one face
        assertThat(run.rows("train")).allSatisfy(r -> assertThat(r.get("status"))
                .isEqualTo(faces.get(name(r)).size() == 1 ? "ok" : "dropped"));
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out().resolve("summary.json").toFile());
        int inSummary = 0;
        for (var c : summary.get("classes")) inSummary += c.get("wholeImageTest").asInt();
        assertThat(inSummary).isEqualTo(faceless.size());
    }

    @Test
    void dropAndLargestLeaveFacelessTestImagesOutAndKeepTheLargestFace() throws Exception {
        Run run = prepare(FacePolicy.parse("drop", FacePolicy.FOR_TEST));
        for (CSVRecord r : run.rows("test")) {
            List<FaceDetection> f = faces.get(name(r));
            assertThat(r.get("status")).isEqualTo(f.isEmpty() ? "dropped" : "ok");
            if (f.isEmpty()) assertThat(r.get("reason")).isEqualTo("no face");
            if (!f.isEmpty()) assertThat(r.get("box")).isEqualTo("4.0000 4.0000 34.0000 34.0000");
        }
        assertThat(run.report().classes().stream().mapToInt(c -> c.wholeImageTest).sum()).isZero();
    }

    @Test
    void mostConfidentAndOnlyOneChooseByTheirOwnRule() throws Exception {
        for (CSVRecord r : prepare(FacePolicy.MOST_CONFIDENT).rows("test")) {
            int n = faces.get(name(r)).size();
            assertThat(r.get("status")).isEqualTo(n == 0 ? "dropped" : "ok");
            if (n == 2) assertThat(r.get("box")).isEqualTo("40.0000 40.0000 56.0000 56.0000");
        }
        for (CSVRecord r : prepare(FacePolicy.ONLY_ONE).rows("test")) {
            int n = faces.get(name(r)).size();
            assertThat(r.get("status")).isEqualTo(n == 1 ? "ok" : "dropped");
            if (n == 2) assertThat(r.get("reason")).isEqualTo("several faces (2)");
        }
    }

    @Test
    void choicesAreReadFromTextAndWholeImageIsRefusedForTraining() {
        assertThat(FacePolicy.parse("drop", FacePolicy.FOR_TEST)).isEqualTo(FacePolicy.LARGEST);
        assertThat(FacePolicy.parse("whole-image-if-none", FacePolicy.FOR_TEST)).isEqualTo(FacePolicy.WHOLE_IMAGE_IF_NONE);
        var b = PrepareConfig.builder().parse(org.ferworkbench.core.settings.Setting.TRAIN_FACES, "whole-image-if-none");
        assertThat(b.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("test images only"));
        assertThatThrownBy(() -> PrepareConfig.builder().parse(org.ferworkbench.core.settings.Setting.TEST_FACES, "biggest").build())
                .hasMessageContaining("whole-image-if-none, largest, most-confident, only-one, drop");
    }
}
