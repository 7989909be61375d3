package org.ferworkbench.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM (this JVM's java and class path) with exactly the given environment, e.g.
 * only {@code LC_ALL=C} or nothing at all, as cron, containers and batch schedulers start programs. The locale
 * a JVM sees is fixed at its start, so this is the only way to test under another one.
 */
public final class ChildJvm {
    private ChildJvm() { }

    /** Exit code and output; the output is read as UTF-8 bytes, whatever the child's locale. */
    public record Result(int code, String out, String err) {
        public String describe() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    public static Result run(Map<String, String> environment, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(environment, main.getName(), args);
    }

    public static Result run(Map<String, String> environment, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(environment);
        // both streams go to files: reading one pipe to its end while the other fills up would deadlock
        Path out = Files.createTempFile("fer-child-", ".out");
        Path err = Files.createTempFile("fer-child-", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not finish in 300 s: " + command);
            }
            return new Result(p.exitValue(), utf8(out, "stdout"), utf8(err, "stderr"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String utf8(Path file, String stream) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new AssertionError("the child's " + stream + " is not valid UTF-8: "
                    + new String(Files.readAllBytes(file), StandardCharsets.UTF_8), e);
        }
    }
}
