package org.ferworkbench.bench;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What fingerprinting costs the read step (issue 14's target: at most 10%), not a unit test:
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.ReadStageBenchmark &lt;dataset&gt; [rounds] [--cold]
 * </pre>
 * One thread reads every image of the dataset the way prepare's read step does (file bytes, SHA-256, decode) with
 * {@code SourceReader.read} (fingerprinted) and with {@code readPixels} (not), in alternating rounds so both see the
 * same machine, and prints the thread's CPU time and the wall time per image of each and their ratio. Files come
 * from the page cache after the first round; with {@code --cold} (Linux, as root) the page cache is dropped before
 * every pass, as on the first read of a dataset.
 */
public final class ReadStageBenchmark {
    private ReadStageBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 7;
        boolean cold = List.of(args).contains("--cold");
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp)$")).sorted()
                    .forEach(p -> samples.add(new Sample(p.getParent().getFileName().toString(), 0, root.relativize(p).toString(), p)));
        }
        SourceReader reader = new SourceReader(new ImageCodec());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "java %s, %s: %d images, %d rounds each way, one thread, page cache %s%n",
                System.getProperty("java.version"), root, samples.size(), rounds, cold ? "dropped before each pass" : "warm");
        double[] with = new double[rounds], without = new double[rounds], wallWith = new double[rounds], wallWithout = new double[rounds];
        long sink = 0;
        for (int round = -1; round < rounds; round++) {     // round -1 warms up the JIT and the page cache
            for (boolean fingerprint : new boolean[] {round % 2 == 0, round % 2 != 0}) {
                if (cold) dropPageCache();
                long start = threads.getCurrentThreadCpuTime(), wallStart = System.nanoTime();
                for (Sample s : samples) {
                    SourceRead read = fingerprint ? reader.read(s) : reader.readPixels(s);
                    if (read.source() != null) sink += read.source().width();
                }
                double us = (threads.getCurrentThreadCpuTime() - start) / 1e3 / samples.size();
                double wall = (System.nanoTime() - wallStart) / 1e3 / samples.size();
                if (round >= 0) {
                    (fingerprint ? with : without)[round] = us;
                    (fingerprint ? wallWith : wallWithout)[round] = wall;
                }
            }
            if (round >= 0) {
                System.out.printf(Locale.ROOT, "round %d: CPU %.1f us/image with fingerprints, %.1f without (+%.1f%%); "
                                + "wall %.1f against %.1f (+%.1f%%)%n", round, with[round], without[round],
                        100 * (with[round] / without[round] - 1), wallWith[round], wallWithout[round],
                        100 * (wallWith[round] / wallWithout[round] - 1));
            }
        }
        for (double[] a : List.of(with, without, wallWith, wallWithout)) Arrays.sort(a);
        int m = rounds / 2;
        System.out.printf(Locale.ROOT, "median: CPU %.1f us/image with fingerprints, %.1f without (+%.1f%%); wall %.1f against %.1f "
                        + "(+%.1f%%) [%d]%n", with[m], without[m], 100 * (with[m] / without[m] - 1), wallWith[m], wallWithout[m],
                100 * (wallWith[m] / wallWithout[m] - 1), sink % 10);
    }

    private static void dropPageCache() throws Exception {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        sync.waitFor();
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    }
}
