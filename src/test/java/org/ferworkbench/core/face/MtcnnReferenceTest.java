package org.ferworkbench.core.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java detector against the executable spec (../shared/docs/mtcnn_reference.py: NumPy float32 arithmetic and
 * the same TorchScript nets in Debian's torch): same face count on every image, boxes and landmarks within 0.5 px,
 * probabilities within 1e-3. Both sides get the same decoded pixels. The reference runs in a separate process
 * while the Java detector runs here.
 */
class MtcnnReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void javaDetectorMatchesTheReferenceOnRealPhotos(@TempDir Path tmp) throws Exception {
        FaceTestSupport.assumeFaces();
        String python = assumeReference();
        Path root = FaceTestSupport.facesDir();
        Map<String, RgbImage> images = new LinkedHashMap<>();
        for (Path p : FaceTestSupport.faceImages()) {
            images.put(root.relativize(p).toString().replace('\\', '/'), FaceTestSupport.decode(p));
        }
        // one image at a time: photos of many sizes
        compare("photos", python, tmp, images, list -> {
            try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
                return list.stream().map(detector::detect).collect(Collectors.toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void batchedDetectionMatchesTheReferenceOnStudyFormatFaces(@TempDir Path tmp) throws Exception {
        Path ck = FaceTestSupport.sharedData().resolve("ckplus48");
        assumeTrue(Files.isDirectory(ck), "CK+48 images not present at " + ck + ": skipped");
        String python = assumeReference();
        // 48x48 grayscale faces upscaled to 128x128 RGB (the study's format), every 8th file: 123 images
        List<Path> files;
        try (Stream<Path> s = Files.walk(ck)) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".png")).sorted()
                    .collect(Collectors.toList());
        }
        ImageResizer resizer = new ImageResizer();
        Map<String, RgbImage> images = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i += 8) {
            images.put(ck.relativize(files.get(i)).toString(), resizer.resize(FaceTestSupport.decode(files.get(i)), 128, 128));
        }
        // all at once: P-Net per pyramid level over every image, R-Net/O-Net over all crops
        int faces = compare("CK+48 at 128x128, batched", python, tmp, images, list -> {
            try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
                return detector.detectBatch(list);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(faces).as("faces found").isGreaterThan(images.size() / 2);
    }

    private static String assumeReference() {
        assumeTrue(Files.isRegularFile(FaceTestSupport.referenceScript()),
                "reference script not present at " + FaceTestSupport.referenceScript() + ": skipped");
        String python = FaceTestSupport.pythonWithTorch();
        assumeTrue(python != null, "no python3 with torch and numpy (apt-get install python3-torch python3-numpy): skipped");
        return python;
    }

    /** Runs both detectors, asserts agreement, prints the largest differences; returns the number of faces. */
    private static int compare(String what, String python, Path tmp, Map<String, RgbImage> images,
                               Function<List<RgbImage>, List<List<FaceDetection>>> javaDetector) throws Exception {
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode items = manifest.putArray("images");
        int i = 0;
        for (Map.Entry<String, RgbImage> e : images.entrySet()) {
            RgbImage img = e.getValue();
            Path raw = tmp.resolve(i++ + ".rgb");
            Files.write(raw, img.pixels());
            items.addObject().put("id", e.getKey()).put("raw", raw.toString())
                    .put("width", img.width()).put("height", img.height());
        }
        Path manifestFile = tmp.resolve("manifest.json");
        JSON.writeValue(manifestFile.toFile(), manifest);
        Path outFile = tmp.resolve("reference.json");
        Path driver = tmp.resolve("reference_driver.py");
        try (InputStream in = MtcnnReferenceTest.class.getResourceAsStream("/mtcnn/reference_driver.py")) {
            Files.copy(in, driver);
        }
        Path log = tmp.resolve("reference.log");
        Process ref = new ProcessBuilder(python, driver.toString(), FaceTestSupport.referenceScript().toString(),
                FaceTestSupport.models().directory().toString(), manifestFile.toString(), outFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>(images.keySet());
        List<List<FaceDetection>> found = javaDetector.apply(new ArrayList<>(images.values()));
        long t1 = System.nanoTime();
        boolean done = ref.waitFor(240, TimeUnit.SECONDS);
        if (!done) ref.destroyForcibly();
        System.out.printf(Locale.ROOT, "%s: Java detector %.1f s; reference finished %.1f s later%n", what,
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        assertThat(done).as("reference finished in time").isTrue();
        assertThat(ref.exitValue()).as("reference exit code; log:\n%s", Files.readString(log)).isZero();

        JsonNode expected = JSON.readTree(outFile.toFile());
        double maxBox = 0, maxLm = 0, maxProb = 0;
        int faces = 0;
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            JsonNode r = expected.get(ids.get(k));
            List<FaceDetection> got = found.get(k);
            if (r.get("boxes").size() != got.size()) {
                problems.add(ids.get(k) + ": " + got.size() + " faces, reference " + r.get("boxes").size());
                continue;
            }
            for (int f = 0; f < got.size(); f++) {
                FaceDetection d = got.get(f);
                JsonNode box = r.get("boxes").get(f);
                double[] mine = {d.x1(), d.y1(), d.x2(), d.y2()};
                for (int c = 0; c < 4; c++) maxBox = Math.max(maxBox, Math.abs(mine[c] - box.get(c).asDouble()));
                maxProb = Math.max(maxProb, Math.abs(d.probability() - r.get("probs").get(f).asDouble()));
                for (int l = 0; l < 5; l++) {
                    JsonNode pt = r.get("points").get(f).get(l);
                    maxLm = Math.max(maxLm, Math.abs(d.landmarks().get(l).x() - pt.get(0).asDouble()));
                    maxLm = Math.max(maxLm, Math.abs(d.landmarks().get(l).y() - pt.get(1).asDouble()));
                }
                faces++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: MTCNN vs reference on %d images, %d faces: max |box| %.3g px, "
                + "max |landmark| %.3g px, max |prob| %.3g%n", what, ids.size(), faces, maxBox, maxLm, maxProb);
        assertThat(problems).as("face counts").isEmpty();
        assertThat(maxBox).as("max box difference (px)").isLessThanOrEqualTo(0.5);
        assertThat(maxLm).as("max landmark difference (px)").isLessThanOrEqualTo(0.5);
        assertThat(maxProb).as("max probability difference").isLessThanOrEqualTo(1e-3);
        return faces;
    }
}
