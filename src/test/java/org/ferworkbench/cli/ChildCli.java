package org.ferworkbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in a child JVM (as a user starts it), its stdout and stderr in one log file. */
final class ChildCli {
    final Process process;
    final Path log;

    private ChildCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildCli start(Path log, List<String> jvmOptions, String... args) throws IOException {
        return start(log, jvmOptions, java.util.Map.of(), args);
    }

    /** @param environment added to this JVM's environment (e.g. XDG_CACHE_HOME) */
    static ChildCli start(Path log, List<String> jvmOptions, java.util.Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.ferworkbench.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        return new ChildCli(p, log);
    }

    /** Sends a POSIX signal by name (INT, TERM, KILL). */
    void signal(String name) throws Exception {
        // the shell's built-in kill: a fresh machine may lack procps' /bin/kill
        int rc = new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid()).inheritIO().start().waitFor();
        if (rc != 0) throw new IllegalStateException("kill -" + name + " failed with " + rc);
    }

    int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
