package org.ferworkbench.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's python3 (with NumPy) to check outputs the way NumPy itself reads them. */
public final class Python {
    private Python() { }

    /** /usr/bin/python3 (Debian's, which has python3-numpy and python3-torch), else python3 on PATH. */
    public static String executable() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    public static boolean has(String module) {
        try {
            Process p = new ProcessBuilder(executable(), "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static void assumeNumpy() {
        Assumptions.assumeTrue(has("numpy"), "skipped: python3 with NumPy is not installed (apt-get install python3-numpy)");
    }

    /** Runs a script with arguments; returns stdout; fails the test with stderr on a non-zero exit. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        Path file = Files.createTempFile("fer-test-", ".py");
        try {
            Files.writeString(file, script);
            List<String> cmd = new ArrayList<>(List.of(executable(), file.toString()));
            cmd.addAll(List.of(args));
            // stderr goes to a file: reading one pipe to its end while the other fills up would deadlock
            Path errFile = Files.createTempFile("fer-test-", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("python failed: " + Files.readString(errFile));
                }
                return out;
            } finally {
                Files.deleteIfExists(errFile);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
