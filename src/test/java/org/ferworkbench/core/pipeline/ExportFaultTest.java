package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export faults: cancel at random points, a disk that fills up, an output folder removed mid-export.
 * Each time the previous export is untouched, nothing partial is left, the error is one sentence, and a retry works.
 */
class ExportFaultTest {
    @TempDir
    Path tmp;

    final PreparePipeline pipeline = PreparePipeline.withoutDetection();
    final PrepareConfig small = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(16).withDtype(OutputDtype.UINT8);
    final PrepareConfig large = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(96);

    Path dataset() throws Exception {
        return TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 60, "fear", 30, "joy", 45)), 48);
    }

    PrepareReport run(Path data, Path out, PrepareConfig config, ProgressListener listener, Cancellation cancel) throws Exception {
        return pipeline.run(new PrepareRequest(data, out, true, config, 2, Set.of()), listener, cancel);
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void cancelAtRandomPointsLeavesThePreviousExportAndNoPartialOutput() throws Exception {
        Path data = dataset();
        Path parent = Files.createDirectories(tmp.resolve("exports"));
        Path out = parent.resolve("out");
        run(data, out, small, ProgressListener.NONE, new Cancellation());
        byte[] before = Files.readAllBytes(out.resolve("x_train.npy"));
        Random random = new Random(7);
        for (int k = 0; k < 10; k++) {
            int cancelAt = random.nextInt(40);
            AtomicInteger events = new AtomicInteger();
            Cancellation cancel = new Cancellation();
            ProgressListener listener = e -> {
                if (events.incrementAndGet() >= cancelAt) cancel.cancel();
            };
            try {
                run(data, out, large.withSeed(k), listener, cancel);
            } catch (CancellationException expected) {
                // cancelled somewhere in reading, rendering or writing
            }
            if (cancel.isCancelled()) {
                assertThat(Files.readAllBytes(out.resolve("x_train.npy"))).as("cancel %d", k).isEqualTo(before);
            } else {
                before = Files.readAllBytes(out.resolve("x_train.npy")); // finished before the cancel point
            }
            assertThat(names(parent)).as("after cancel %d", k).containsExactly("out");
        }
        PrepareReport retry = run(data, out, large, ProgressListener.NONE, new Cancellation());
        assertThat(retry.exportedTrain()).isEqualTo(135);
    }

    @Test
    void fullDiskAndVanishedOutputFailCleanlyAndARetrySucceeds() throws Exception {
        Assumptions.assumeTrue(canMount(), "skipped: needs root and mount to make a small tmpfs (as on CI)");
        Path data = dataset();
        Path mount = Files.createDirectories(tmp.resolve("small"));
        assertThat(exec("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())).isZero();
        try {
            Path out = mount.resolve("out");
            run(data, out, small, ProgressListener.NONE, new Cancellation());
            byte[] before = Files.readAllBytes(out.resolve("x_train.npy"));

            // 135 + 34 float32 96x96x3 rows need ~19 MB: the 2 MB disk fills up
            assertThatThrownBy(() -> run(data, out, large, ProgressListener.NONE, new Cancellation()))
                    .isInstanceOf(ExportException.class).hasMessageContaining("disk is full")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
            assertThat(Files.readAllBytes(out.resolve("x_train.npy"))).isEqualTo(before);
            assertThat(names(mount)).containsExactly("out");

            // the output folder disappears while images are being written (a removed drive, a cleanup script)
            ProgressListener removeOutput = e -> {
                if (e.stage().startsWith("Preparing") && e.done() == 0) {
                    try (Stream<Path> partial = Files.list(mount)) {
                        for (Path p : partial.filter(p -> p.getFileName().toString().contains(".partial-")).toList()) {
                            org.ferworkbench.core.export.StagedFolder.deleteRecursively(p);
                        }
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }
            };
            assertThatThrownBy(() -> run(data, out, small.withSeed(9).withFormats(java.util.EnumSet.of(
                    org.ferworkbench.core.export.ExportFormat.NPY, org.ferworkbench.core.export.ExportFormat.PNG)), removeOutput, new Cancellation()))
                    .isInstanceOf(ExportException.class).hasMessageContaining("Export failed")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
            assertThat(Files.readAllBytes(out.resolve("x_train.npy"))).isEqualTo(before);

            // the retry succeeds
            run(data, out, small.withSeed(9), ProgressListener.NONE, new Cancellation());
            assertThat(names(mount)).containsExactly("out");
            assertThat(Files.readAllBytes(out.resolve("x_train.npy"))).isNotEqualTo(before);
        } finally {
            exec("umount", "-l", mount.toString());
        }
    }

    private boolean canMount() throws Exception {
        if (!System.getProperty("os.name").startsWith("Linux") || !"root".equals(System.getProperty("user.name"))) return false;
        Path probe = Files.createDirectories(tmp.resolve("probe"));
        boolean ok = exec("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString()) == 0;
        if (ok) exec("umount", probe.toString());
        return ok;
    }

    private static int exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
