package org.ferworkbench.cli;

import org.ferworkbench.bench.Fer2013Folder;
import org.ferworkbench.bench.HeapMonitor;
import org.ferworkbench.bench.ProcessStats;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.runtime.BatchJvm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** Benchmarks that are measured on purpose, not by unit tests (see README "Benchmarks"). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measures throughput and memory on a real dataset.",
        subcommands = {BenchmarkCommand.MakeDataset.class, BenchmarkCommand.Prepare.class})
final class BenchmarkCommand {

    @Command(name = "make-dataset", mixinStandardHelpOptions = true,
            description = "Builds a study-format folder (RGB JPEG, SIZExSIZE, one folder per class) from the FER2013 archive.")
    static final class MakeDataset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--fer2013", required = true, paramLabel = "<tar.gz>", description = "fer2013_images.tar.gz")
        Path archive;

        @Option(names = "--out", required = true, paramLabel = "<dir>")
        Path out;

        @Option(names = "--size", defaultValue = "128")
        int size;

        @Option(names = "--count", defaultValue = "0", description = "Images to write (0 = all).")
        int count;

        @Option(names = "--per-class", defaultValue = "0",
                description = "At most this many source images per class (0 = no limit): small sets that still have every class.")
        int perClass;

        @Option(names = "--replicas", defaultValue = "1", description = "Write every image this many times (scale tests).")
        int replicas;

        @Option(names = "--classes", split = ",", description = "Only these archive classes (default all).")
        Set<String> classes;

        @Override
        public Integer call() throws Exception {
            if (java.nio.file.Files.isDirectory(out)) {
                try (var entries = java.nio.file.Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        // writing into it would replace any file that happens to share a generated name
                        spec.commandLine().getErr().println("Error: Refusing to write into " + out.toAbsolutePath().normalize()
                                + ": the folder exists and is not empty (delete it first, or choose a new folder)");
                        return FerCli.BAD_INPUT;
                    }
                }
            }
            long t = System.nanoTime();
            int n = new Fer2013Folder().build(archive, out, size, count, perClass, replicas, classes);
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %d images to %s in %.1f s%n", n, out, (System.nanoTime() - t) / 1e9);
            return FerCli.OK;
        }
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Runs prepare on a folder into a temporary output and prints source images/s and peak heap "
                    + "(detection off unless --detect; with --detect the detection cache starts empty, so MTCNN really runs).")
    static final class Prepare implements Callable<Integer>, BatchCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<dataset>")
        Path dataset;

        @Mixin
        PrepareOptions settings;

        @Mixin
        ThreadsOption threads;

        @Option(names = "--keep", description = "Keep the output folder (printed) instead of deleting it.")
        boolean keep;

        @Option(names = "--detect", description = "Run MTCNN detection and alignment (the study's pipeline).")
        boolean detect;

        @Option(names = "--detect-first", description = "With --detect: detect each source once, then augment the aligned face.")
        boolean detectFirst;

        @Option(names = "--rounds", defaultValue = "1",
                description = "Run the prepare this many times in one JVM (round 1 is cold; later rounds show warm speed).")
        int rounds;

        /** The tuning the launcher applied (none when the command runs without it). */
        private java.util.concurrent.CompletableFuture<BatchJvm> jvm =
                java.util.concurrent.CompletableFuture.completedFuture(new BatchJvm(false, false));

        @Override
        public void tuned(java.util.concurrent.CompletableFuture<BatchJvm> jvm) {
            this.jvm = jvm;
        }

        @Override
        public Integer call() throws Exception {
            int n = threads.count();
            // detection off unless --detect; then --config and the prepare options, as prepare takes them
            PrepareConfig base = PrepareConfig.DEFAULTS.withDetectFaces(detect);
            if (detectFirst) base = base.withFace(base.face().withOrder(org.ferworkbench.core.settings.PipelineOrder.DETECT_THEN_AUGMENT));
            PrepareConfig config = settings.config(base);
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) spec.commandLine().getOut().printf(Locale.ROOT, "round %d of %d%s%n", round, rounds,
                        round == 1 ? " (cold: includes engine start and JIT compilation)" : " (same JVM, detection cache empty again)");
                runOnce(config, n);
            }
            return FerCli.OK;
        }

        private boolean firstRound = true;

        private void runOnce(PrepareConfig config, int n) throws Exception {
            Path work = Files.createTempDirectory("fer-bench-");
            Path out = work.resolve("export");
            PrepareReport report;
            StageClock stages = new StageClock();
            long cpu0 = ProcessStats.cpuNanos();
            try (HeapMonitor heap = new HeapMonitor()) {
                PreparePipeline pipeline = PipelineFactory.standard(() -> new DetectionCache(null)).create(config);
                report = pipeline.run(new PrepareRequest(dataset, out, false, config, n, Set.of()),
                        stages, new Cancellation());
                double cpuMs = (ProcessStats.cpuNanos() - cpu0) / 1e6;
                long bytes = 0;
                try (var files = Files.walk(out)) {
                    bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
                var o = spec.commandLine().getOut();
                o.printf(Locale.ROOT, "dataset %s: %d source images -> %d train + %d test rows (%s, balance %s, %d MB written)%n",
                        dataset, report.sources(), report.exportedTrain(), report.exportedTest(), config.dtype(), config.balance(),
                        bytes >> 20);
                o.printf(Locale.ROOT, "face stage: %s%n", report.faceStage());
                int originals = report.plan().jobs().stream().mapToInt(j -> j.isCopy() ? 0 : 1).sum();
                o.printf(Locale.ROOT, "originals rendered from the read step's decoding: %d of %d; sources decoded to "
                        + "render the other rows: %d for %d%n", report.originalsFromRead(), originals,
                        report.decodedToRender(), report.plan().jobs().size() - report.originalsFromRead());
                o.printf(Locale.ROOT, "threads %d, %d cores, max heap %d MB, %s%n", n, Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        jvm.join().describe());
                o.printf(Locale.ROOT, "time %.2f s: %.0f source images/s, %.0f output images/s%n", report.seconds(),
                        report.sourcesPerSecond(), (report.exportedTrain() + report.exportedTest()) / report.seconds());
                if (firstRound) {
                    double sinceStart = (System.currentTimeMillis()
                            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
                    o.printf(Locale.ROOT, "  (the time is the pipeline's, engine loading included; from JVM start it was %.2f s: "
                            + "%.0f source images/s)%n", sinceStart, report.sources() / sinceStart);
                    firstRound = false;
                }
                int cores = Runtime.getRuntime().availableProcessors();
                o.printf(Locale.ROOT, "process CPU %.2f ms per source image (JIT, GC and all threads; = %.0f source images/s "
                        + "if all %d cores were free)%n", cpuMs / report.sources(), cores * 1000 / (cpuMs / report.sources()), cores);
                o.printf(Locale.ROOT, "stages: %s%n", stages.summary());
                o.printf(Locale.ROOT, "peak heap used %d MB (before a collection), peak heap after a collection %d MB (uncollected old "
                        + "garbage included); process RSS now %s%n",
                        heap.peakUsedBytes() >> 20, heap.peakAfterGcBytes() >> 20, ProcessStats.residentSetSize());
            } finally {
                if (!keep) StagedFolder.deleteRecursively(work);
            }
            if (keep) spec.commandLine().getOut().println("output kept in " + out);
        }

    }

    /** Wall time from the first to the last progress event of each stage (stages run one after another). */
    static final class StageClock implements ProgressListener {
        private final java.util.Map<String, long[]> spans = new java.util.LinkedHashMap<>();

        @Override
        public synchronized void onProgress(org.ferworkbench.core.progress.ProgressEvent event) {
            long now = System.nanoTime();
            spans.computeIfAbsent(event.stage(), k -> new long[]{now, now})[1] = now;
        }

        synchronized String summary() {
            java.util.StringJoiner j = new java.util.StringJoiner(", ");
            spans.forEach((stage, t) -> j.add(String.format(Locale.ROOT, "%s %.2f s", stage.toLowerCase(Locale.ROOT), (t[1] - t[0]) / 1e9)));
            return j.toString();
        }
    }
}
