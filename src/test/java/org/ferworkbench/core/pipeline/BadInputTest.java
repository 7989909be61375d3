package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.BadInputs;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The messy-folder corpus: nothing crashes, every bad file is listed with its reason, the rest is exported. */
class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void everyCaseIsExportedOrListedWithItsReason() throws Exception {
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 6, "fear", 6)), 32);
        Map<String, BadInputs.Expect> cases = BadInputs.write(data, "fear");
        Files.createDirectories(data.resolve("empty-class"));
        Files.writeString(data.resolve("stray.txt"), "notes");
        Files.createDirectories(data.resolve("anger/nested/deeper"));
        Files.write(data.resolve("anger/nested/deeper/x.jpg"), TestData.jpeg(TestData.image(20, 20, 1)));
        cases.put("empty-class/", new BadInputs.Expect(false, "no images"));
        cases.put("stray.txt", new BadInputs.Expect(false, "dataset root"));
        cases.put("anger/nested", new BadInputs.Expect(false, "nested"));
        // a file the user may not read (chmod 000); root reads it anyway, so the case only counts where it is enforced
        Path locked = data.resolve("fear/locked.jpg");
        Files.write(locked, TestData.jpeg(TestData.image(32, 32, 9)));
        if (lockOut(locked)) {
            cases.put("fear/locked.jpg", new BadInputs.Expect(false, "permission denied"));
        } else {
            Files.delete(locked);
            System.out.println("BadInputTest: permissions are not enforced for this user (root); chmod 000 case left out");
        }

        Path out = tmp.resolve("out");
        PrepareReport r = PreparePipeline.withoutDetection().run(new PrepareRequest(data, out, false,
                PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(32), 2, Set.of()), ProgressListener.NONE, new Cancellation());

        Map<String, String> status = new HashMap<>();
        Map<String, String> reason = new HashMap<>();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(out.resolve("manifest.csv"))))) {
            parser.forEach(rec -> {
                status.merge(rec.get("source"), rec.get("status"), (a, b) -> a.equals("ok") ? a : b);
                reason.put(rec.get("source"), rec.get("reason"));
            });
        }
        Map<String, String> summary = new HashMap<>();
        r.skipped().forEach(s -> summary.put(s.relativePath(), s.reason()));
        cases.forEach((path, expect) -> {
            if (expect.exported()) {
                assertThat(status.get(path)).as("%s exported", path).isEqualTo("ok");
            } else {
                assertThat(reason.get(path)).as("%s reason in manifest", path).contains(expect.reasonContains());
                assertThat(summary.get(path)).as("%s reason in summary", path).contains(expect.reasonContains());
            }
        });
        // the 12 good images plus every readable odd one made it into the arrays
        long readableOdd = cases.values().stream().filter(BadInputs.Expect::exported).count();
        NpyFile yTrain = NpyFile.read(out.resolve("y_train.npy"));
        NpyFile yTest = NpyFile.read(out.resolve("y_test.npy"));
        assertThat(yTest.shape()[0] + r.classes().stream().mapToInt(c -> c.trainOriginals).sum()).isEqualTo(12 + readableOdd);
        assertThat(yTrain.shape()[0]).isEqualTo(2L * r.classes().get(1).trainOriginals);
    }

    /** Makes the file unreadable; false when that has no effect (e.g. running as root, or no POSIX permissions). */
    private static boolean lockOut(Path file) {
        try {
            Files.setPosixFilePermissions(file, Set.of());
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            in.read();
            return false;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void exifOrientationIsAppliedLikeAnImageViewer() throws Exception {
        RgbImage landscape = TestData.image(60, 40, 5);
        RgbImage decoded = new ImageCodec().decode(BadInputs.withExifOrientation(TestData.jpeg(landscape), 6));
        assertThat(decoded.width()).isEqualTo(40); // orientation 6: rotate 90 degrees clockwise to view
        assertThat(decoded.height()).isEqualTo(60);
    }

    @Test
    void oddFormatsDecodeToPlainRgb() throws Exception {
        ImageCodec codec = new ImageCodec();
        Map<String, BadInputs.Expect> cases = BadInputs.write(tmp, "c");
        RgbImage sixteen = codec.decode(Files.readAllBytes(tmp.resolve("c/sixteen-bit.png")));
        // 16-bit (B,G,R) = (1000, 30000, 65535) -> 8-bit RGB (255, 117, 3)
        assertThat(new int[]{sixteen.get(0, 0, 0), sixteen.get(0, 0, 1), sixteen.get(0, 0, 2)}).containsExactly(255, 117, 3);
        RgbImage alpha = codec.decode(Files.readAllBytes(tmp.resolve("c/alpha.png")));
        assertThat(new int[]{alpha.get(0, 0, 0), alpha.get(0, 0, 1), alpha.get(0, 0, 2)}).containsExactly(250, 120, 10);
        RgbImage cmyk = codec.decode(Files.readAllBytes(tmp.resolve("c/cmyk.jpg")));
        assertThat(cmyk.width()).isEqualTo(48);
        assertThat(cases).containsKey("c/huge-12000x9000.jpg");
        RgbImage huge = codec.decode(Files.readAllBytes(tmp.resolve("c/huge-12000x9000.jpg")));
        assertThat(huge.width()).isEqualTo(12000);
    }

    /** The same corpus through MTCNN: tiny images get a clear reason, the huge one is detected on a shrunk copy. */
    @Test
    void detectionCopesWithTinyAndHugeImages() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 3, "fear", 3)), 32);
        // one real face per class (the self-test's public-domain portrait), so each class has a train image with a face
        // whatever the split: a class left with none stops the export
        byte[] face;
        try (var in = org.ferworkbench.core.runtime.SelfTest.class.getResourceAsStream("selftest-astronaut.jpg")) {
            face = in.readAllBytes();
        }
        for (String c : new String[]{"anger", "fear"}) {
            for (int i = 0; i < 3; i++) Files.write(data.resolve(c + "/face" + i + ".jpg"), face);
        }
        Path fear = data.resolve("fear");
        Files.write(fear.resolve("eight-pixels.png"), TestData.png(TestData.image(8, 8, 3)));
        Files.write(fear.resolve("huge.jpg"), Files.readAllBytes(BadInputsHolder.huge(tmp)));
        Path out = tmp.resolve("out");
        PreparePipeline.standard(new org.ferworkbench.core.face.DetectionCache(null)).run(new PrepareRequest(data, out, false,
                PrepareConfig.DEFAULTS.withOutputSize(32), 2, Set.of()), ProgressListener.NONE, new Cancellation());
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertThat(manifest).contains("fear/eight-pixels.png").contains("too small for face detection (8x8");
        assertThat(manifest).contains("fear/huge.jpg");
    }

    /** Writes the huge JPEG once. */
    static final class BadInputsHolder {
        static Path huge(Path tmp) throws Exception {
            Path dir = tmp.resolve("corpus");
            BadInputs.write(dir, "c");
            return dir.resolve("c/huge-12000x9000.jpg");
        }
    }
}
