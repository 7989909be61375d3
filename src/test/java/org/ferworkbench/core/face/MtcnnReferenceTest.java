package org.ferworkbench.core.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java detector against the executable spec (../shared/docs/mtcnn_reference.py, NumPy + the same TorchScript
 * nets in Debian's torch) on every photo of ../shared/data/faces: same face count, boxes and landmarks within
 * 0.5 px, probabilities within 1e-3. Both sides get the same decoded pixels.
 */
class MtcnnReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void javaDetectorMatchesTheReferenceOnRealPhotos(@TempDir Path tmp) throws Exception {
        FaceTestSupport.assumeFaces();
        assumeTrue(Files.isRegularFile(FaceTestSupport.referenceScript()),
                "reference script not present at " + FaceTestSupport.referenceScript() + ": skipped");
        String python = FaceTestSupport.pythonWithTorch();
        assumeTrue(python != null, "no python3 with torch and numpy (apt-get install python3-torch python3-numpy): skipped");

        Path root = FaceTestSupport.facesDir();
        Map<String, RgbImage> images = new LinkedHashMap<>();
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode items = manifest.putArray("images");
        int i = 0;
        for (Path p : FaceTestSupport.faceImages()) {
            String id = root.relativize(p).toString().replace('\\', '/');
            RgbImage img = FaceTestSupport.decode(p);
            Path raw = tmp.resolve(i++ + ".rgb");
            Files.write(raw, img.pixels());
            items.addObject().put("id", id).put("raw", raw.toString()).put("width", img.width()).put("height", img.height());
            images.put(id, img);
        }
        Path manifestFile = tmp.resolve("manifest.json");
        JSON.writeValue(manifestFile.toFile(), manifest);
        Path outFile = tmp.resolve("reference.json");
        Path driver = tmp.resolve("reference_driver.py");
        try (InputStream in = getClass().getResourceAsStream("/mtcnn/reference_driver.py")) {
            Files.copy(in, driver);
        }
        Path log = tmp.resolve("reference.log");
        // the reference runs in a separate process while the Java detector runs here
        Process ref = new ProcessBuilder(python, driver.toString(), FaceTestSupport.referenceScript().toString(),
                FaceTestSupport.models().directory().toString(), manifestFile.toString(), outFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        long t0 = System.nanoTime();
        Map<String, List<FaceDetection>> mine = new LinkedHashMap<>();
        try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
            for (Map.Entry<String, RgbImage> e : images.entrySet()) mine.put(e.getKey(), detector.detect(e.getValue()));
        }
        long t1 = System.nanoTime();
        boolean done = ref.waitFor(240, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "Java detector %.1f s; reference finished %.1f s later%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        if (!done) ref.destroyForcibly();
        assertThat(done).as("reference finished in time").isTrue();
        assertThat(ref.exitValue()).as("reference exit code; log:\n%s", Files.readString(log)).isZero();

        JsonNode expected = JSON.readTree(outFile.toFile());
        double maxBox = 0, maxLm = 0, maxProb = 0;
        int faces = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<FaceDetection>> e : mine.entrySet()) {
            JsonNode r = expected.get(e.getKey());
            List<FaceDetection> got = e.getValue();
            if (r.get("boxes").size() != got.size()) {
                problems.add(e.getKey() + ": " + got.size() + " faces, reference " + r.get("boxes").size());
                continue;
            }
            for (int k = 0; k < got.size(); k++) {
                FaceDetection f = got.get(k);
                JsonNode box = r.get("boxes").get(k);
                double[] mineBox = {f.x1(), f.y1(), f.x2(), f.y2()};
                for (int c = 0; c < 4; c++) maxBox = Math.max(maxBox, Math.abs(mineBox[c] - box.get(c).asDouble()));
                maxProb = Math.max(maxProb, Math.abs(f.probability() - r.get("probs").get(k).asDouble()));
                for (int l = 0; l < 5; l++) {
                    JsonNode pt = r.get("points").get(k).get(l);
                    maxLm = Math.max(maxLm, Math.abs(f.landmarks().get(l).x() - pt.get(0).asDouble()));
                    maxLm = Math.max(maxLm, Math.abs(f.landmarks().get(l).y() - pt.get(1).asDouble()));
                }
                faces++;
            }
        }
        System.out.printf(Locale.ROOT, "MTCNN vs reference on %d photos, %d faces: max |box| %.3g px, "
                + "max |landmark| %.3g px, max |prob| %.3g%n", mine.size(), faces, maxBox, maxLm, maxProb);
        assertThat(problems).as("face counts").isEmpty();
        assertThat(maxBox).as("max box difference (px)").isLessThanOrEqualTo(0.5);
        assertThat(maxLm).as("max landmark difference (px)").isLessThanOrEqualTo(0.5);
        assertThat(maxProb).as("max probability difference").isLessThanOrEqualTo(1e-3);
    }
}
