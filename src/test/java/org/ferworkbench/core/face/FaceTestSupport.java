package org.ferworkbench.core.face;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers of the face tests: the test photos, decoding, the models and the reference Python. */
final class FaceTestSupport {

    private FaceTestSupport() { }

    /** ../shared/data relative to the project directory (third-party data, never copied into the repo). */
    static Path sharedData() {
        return Paths.get("").toAbsolutePath().resolve("../shared/data").normalize();
    }

    static Path facesDir() {
        return sharedData().resolve("faces");
    }

    static Path referenceScript() {
        return Paths.get("").toAbsolutePath().resolve("../shared/docs/mtcnn_reference.py").normalize();
    }

    static void assumeFaces() {
        assumeTrue(Files.isDirectory(facesDir()), "test photos not present at " + facesDir() + ": skipped");
    }

    static List<Path> faceImages() throws IOException {
        try (Stream<Path> s = Files.walk(facesDir())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|webp)"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    static RgbImage decode(Path p) throws Exception {
        return new ImageCodec().decode(Files.readAllBytes(p));
    }

    /** The models, loaded once per test JVM. */
    static MtcnnModels models() throws IOException {
        return MtcnnModels.shared();
    }

    /** A python3 that has torch and numpy (Debian's /usr/bin/python3 first), or null. */
    static String pythonWithTorch() {
        for (String exe : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import torch, numpy")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return exe;
                p.destroyForcibly();
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
