package org.ferworkbench.cli;

import org.ferworkbench.core.export.ExportFolder;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prepare in a child JVM, as a user runs it, stopped by Ctrl-C (SIGINT), SIGTERM and kill -9 at several points, and
 * run twice at once: the earlier export stays byte-identical, no staging folder survives a signal the tool can
 * handle, the exit code and message are the documented ones, and what kill -9 leaves is removed by the next run.
 */
@EnabledOnOs(OS.LINUX)
class InterruptTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Map<String, String> dataHashes;

    @BeforeAll
    static void dataset() throws Exception {
        // large enough photos, on one thread, that an export takes a few seconds to read and to render
        data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 90, "fear", 40, "joy", 70)), 480);
        dataHashes = hashes(data);
    }

    /** An earlier export in its own folder, and its files' hashes. */
    private static Path earlierExport(String name) throws Exception {
        Path out = tmp.resolve(name);
        CliRun r = CliRun.of("prepare", data.toString(), "--out", out.toString(), "--no-detect", "--size", "32");
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    private static ChildCli slowExport(Path out, String logName) throws Exception {
        return ChildCli.start(tmp.resolve(logName), List.of("-Xmx512m"), "prepare", data.toString(), "--out", out.toString(),
                "--overwrite", "--no-detect", "--size", "192", "--threads", "1");
    }

    @ParameterizedTest(name = "{0} when {1}")
    @CsvSource({
            "INT, staging folder made",
            "INT, Reading images",
            "INT, Preparing images",
            "TERM, staging folder made",
            "TERM, Reading images",
            "TERM, Preparing images"})
    void aSignalStopsTheExportCleansUpAndKeepsTheEarlierExport(String signal, String when) throws Exception {
        Path out = earlierExport("out-" + signal + "-" + when.charAt(0));
        Map<String, String> before = hashes(out);
        ChildCli child = slowExport(out, "log-" + signal + "-" + when.charAt(0));
        awaitPoint(child, out, when);
        String log = stop(child, signal);

        assertThat(log).contains(signal.equals("INT") ? "Interrupted (Ctrl-C)" : "Stopped by SIGTERM")
                .contains("nothing was written to " + out).contains("the earlier export there is untouched")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(helpersOf(out)).as("staging, backup and lock files left beside the export").isEmpty();
        assertThat(hashes(out)).as("the earlier export").isEqualTo(before);
        assertThat(hashes(data)).as("the dataset").isEqualTo(dataHashes);
    }

    /**
     * Sends the signal and waits for the child, which must end with the signal's exit code (130, 143) within 5 s
     * (the issue asks for a second; the bound leaves room for a loaded CI machine, JVM exit included); its log.
     */
    private static String stop(ChildCli child, String signal) throws Exception {
        long sent = System.nanoTime();
        child.signal(signal);
        int code = child.waitFor(60);
        double seconds = (System.nanoTime() - sent) / 1e9;
        String log = child.output();
        assertThat(code).as(log).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(seconds).as("seconds from the signal to the end of the process").isLessThan(5);
        return log;
    }

    @ParameterizedTest(name = "detect stopped by SIG{0}")
    @CsvSource({"INT", "TERM"})
    void aSignalStopsDetectAndLeavesTheEarlierJsonAsItWas(String signal) throws Exception {
        Path json = tmp.resolve("detect-" + signal + ".json");
        Files.writeString(json, "{\"images\": {}}\n");   // what an earlier detect on no images wrote
        byte[] before = Files.readAllBytes(json);
        // a cache of its own: detections cached by an earlier run of this test would make the run too quick to stop
        ChildCli child = ChildCli.start(tmp.resolve("log-detect-" + signal), List.of("-Xmx512m"),
                Map.of("XDG_CACHE_HOME", tmp.resolve("cache-" + signal).toString()),
                "detect", data.toString(), "--json", json.toString(), "--threads", "1");
        awaitPoint(child, json, "Reading, detecting faces");
        Thread.sleep(1500);   // into the detection (libtorch loads in about a second)
        String log = stop(child, signal);

        assertThat(log.lines().filter(l -> !l.startsWith("Reading, detecting faces:")))
                .as("one line after the progress").containsExactly((signal.equals("INT") ? "Interrupted (Ctrl-C)" : "Stopped by SIGTERM")
                        + ": detection stopped; nothing was written to " + json + " (the earlier file there is untouched)");
        assertThat(Files.readAllBytes(json)).as("the earlier output").isEqualTo(before);
        assertThat(helpersOf(json)).as("temporary files beside the output").isEmpty();
    }

    @Test
    void whatKillMinusNineLeavesIsRemovedByTheNextRunWhichSaysSo() throws Exception {
        Path out = earlierExport("out-kill");
        Map<String, String> before = hashes(out);
        ChildCli child = slowExport(out, "log-kill");
        awaitPoint(child, out, "Preparing images");
        child.signal("KILL");
        child.waitFor(30);
        assertThat(helpersOf(out)).anySatisfy(n -> assertThat(n).matches("\\.out-kill\\.partial-[0-9a-f]{8}"));
        assertThat(hashes(out)).isEqualTo(before);

        CliRun next = CliRun.of("prepare", data.toString(), "--out", out.toString(), "--overwrite", "--no-detect", "--size", "24");
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).containsPattern("Note: Removed .*\\.out-kill\\.partial-[0-9a-f]{8}, the unfinished export of an interrupted run");
        assertThat(helpersOf(out)).isEmpty();
        assertThat(ExportFolder.isExport(out)).isTrue();
    }

    @Test
    void aSecondExportToTheSameFolderIsRefusedAtOnce() throws Exception {
        Path out = earlierExport("out-twice");
        Map<String, String> before = hashes(out);
        ChildCli first = slowExport(out, "log-twice");
        awaitPoint(first, out, "staging folder made");
        long started = System.nanoTime();
        CliRun second = CliRun.of("prepare", data.toString(), "--out", out.toString(), "--overwrite", "--no-detect");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(second.code()).isEqualTo(2);
        assertThat(second.err().strip()).isEqualTo("Error: Another export is writing to " + out
                + " (wait for it to finish, or choose another folder)");
        assertThat(seconds).as("refused before reading the dataset").isLessThan(5);
        first.signal("INT");
        assertThat(first.waitFor(60)).isEqualTo(130);
        assertThat(hashes(out)).isEqualTo(before);
        assertThat(helpersOf(out)).isEmpty();
    }

    @Test
    void runningOutOfMemoryEndsWithOneSentenceAndLeavesNothing() throws Exception {
        Path out = tmp.resolve("out-oom");
        ChildCli child = ChildCli.start(tmp.resolve("log-oom"), List.of("-Xmx24m"), "prepare", data.toString(), "--out",
                out.toString(), "--no-detect", "--size", "192");
        int code = child.waitFor(120);
        String log = child.output();
        assertThat(code).as(log).isEqualTo(1);
        assertThat(log).contains("Error: Java ran out of memory (the heap may use at most").contains("-Xmx4g")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        assertThat(helpersOf(out)).isEmpty();
    }

    /** Waits until the child has made its staging folder, or printed the start of the given stage. */
    private static void awaitPoint(ChildCli child, Path out, String when) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && child.process.isAlive()) {
            boolean reached = when.equals("staging folder made")
                    ? helpersOf(out).stream().anyMatch(n -> n.contains(".partial-"))
                    : child.output().contains(when + ":");
            if (reached) return;
            Thread.sleep(20);
        }
        throw new AssertionError("the child never reached '" + when + "':\n" + child.output());
    }

    /** Hidden files and folders beside the export that belong to it (staging, swapped-out copy, lock). */
    private static List<String> helpersOf(Path out) throws Exception {
        String prefix = "." + out.getFileName() + ".";
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
