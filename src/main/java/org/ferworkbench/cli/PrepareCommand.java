package org.ferworkbench.cli;

import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.OutputFolderRule;
import org.ferworkbench.core.export.OutputRefusedException;
import org.ferworkbench.core.curation.Workspace;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.shard.ShardExport;
import org.ferworkbench.core.shard.ShardSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;

@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Splits, balances, augments, (detects and aligns faces,) resizes and exports a dataset.",
                "Settings come from the defaults (the study's), then --config, then the options given."})
final class PrepareCommand implements Callable<Integer>, BatchCommand {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<dataset>", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Output folder: a new folder, or an earlier export of this tool with --overwrite; never the dataset, inside it or above it.")
    Path out;

    @Option(names = "--overwrite",
            description = "Replace an earlier export of this tool in --out, once the new export is complete. Any other existing folder is refused.")
    boolean overwrite;

    @Mixin
    PrepareOptions settings;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--decisions", paramLabel = "<file|workspace>",
            description = "Leave out the images rejected in review: the app's decisions.jsonl, or its workspace folder "
                    + "(DATASET" + org.ferworkbench.core.curation.Workspace.SUFFIX + " beside the dataset).")
    Path decisions;

    @Option(names = "--dry-run",
            description = "Print the export plan (per class: split, rejected, dropped, copies, final rows) and write nothing; "
                    + "with detection on, faces are detected (and cached) but nothing is rendered. --out is not needed.")
    boolean dryRun;

    @Option(names = "--json", description = "With --dry-run: print the plan as JSON.")
    boolean json;

    @Option(names = "--skip-empty-classes",
            description = "Leave out a class with no usable image (all unreadable or rejected) instead of stopping; the other classes are labelled again from 0.")
    boolean skipEmptyClasses;

    @Option(names = "--shard", paramLabel = "<K/N>",
            description = "Render only shard K of N (1 to N) into --out, for a cluster: every shard reads the whole dataset "
                    + "and plans the same export; merge puts the N shard folders together into the export a single "
                    + "prepare writes, byte for byte.")
    String shard;

    @Option(names = "--warm-cache",
            description = "With --shard K/N: only read shard K's 1/N of the images and detect (and analyse) their faces "
                    + "into the detection cache, so the shards that follow find every face cached. Writes no export.")
    boolean warmCache;

    @Option(names = "--detection-cache", paramLabel = "<dir>",
            description = "Keep detections (and face analyses) in this folder instead of the user's cache: a folder on "
                    + "shared storage that all nodes of a cluster use at once.")
    Path detectionCache;

    @Mixin
    VerboseOption verbose;

    private final PipelineFactory pipelines;

    PrepareCommand(PipelineFactory pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrepareConfig config;
        PrepareRequest request;
        ReviewRejections review;
        ShardSpec part;
        try {
            part = shard == null ? null : ShardSpec.parse(shard);
            if (warmCache && part == null) part = new ShardSpec(1, 1);
            if (part != null && dryRun) throw new IllegalArgumentException("--dry-run prints the whole plan; leave out --shard");
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, e, false, FerCli.BAD_INPUT);
        }
        PipelineFactory pipelines = detectionCache == null ? this.pipelines : this.pipelines.withSharedCache(detectionCache);
        if (warmCache) return warmCache(out, err, pipelines, part);
        if (dryRun) return dryRun(out, err, pipelines);
        if (this.out == null) {
            return CliErrors.report(err, new IllegalArgumentException("Missing required option: '--out=<dir>' (or --dry-run to "
                    + "print the plan without exporting)"), false, FerCli.BAD_INPUT);
        }
        if (json) {
            return CliErrors.report(err, new IllegalArgumentException("--json goes with --dry-run (an export writes its "
                    + "summary.json)"), false, FerCli.BAD_INPUT);
        }
        try {
            config = settings.config(PrepareConfig.DEFAULTS);
            // the one output rule of core, here too, so a refused folder is reported before anything is read
            List<OutputFolderRule.Kept> kept = kept();
            OutputFolderRule.check(this.out, overwrite, PrepareRequest.keptPaths(dataset, kept));
            review = rejectedInReview(err);
            request = new PrepareRequest(dataset, this.out, overwrite, config, threads.count(), review.paths(), kept,
                    skipEmptyClasses ? org.ferworkbench.core.plan.EmptyClassPolicy.LEAVE_OUT : org.ferworkbench.core.plan.EmptyClassPolicy.FAIL)
                    .withGroups(review.groups());
        } catch (IllegalArgumentException | IOException | OutputRefusedException e) {
            return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
        }
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                PreparePipeline pipeline = pipelines.create(config);
                if (part != null) {
                    ShardExport.Result result = ShardExport.run(pipeline, request, part, ConsoleProgress.forStderr(), cancellation);
                    printShard(out, result);
                    return FerCli.OK;
                }
                PrepareReport report = pipeline.run(request, ConsoleProgress.forStderr(), cancellation);
                printSummary(out, report);
                review.report(err, report);
                if (interrupts.received() != null) {
                    err.println("Note: the interrupt came after the export was complete; it was kept.");
                }
                return FerCli.OK;
            } catch (CancellationException e) {
                String signal = interrupts.received();
                String what = signal == null ? "Cancelled" : Interrupts.describe(signal);
                err.println(what + ": the export stopped and its unfinished files were removed; nothing was written to "
                        + this.out.toAbsolutePath().normalize() + (overwrite ? " (the earlier export there is untouched)" : ""));
                err.flush();
                return signal == null ? FerCli.FAILED : Interrupts.exitCodeOf(signal);
            } catch (DatasetException | OutputRefusedException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
            } catch (ExportException | IllegalStateException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.FAILED);
            }
        }
    }

    /** --warm-cache: read this shard's share of the sources, detect and analyse them into the caches. */
    private int warmCache(PrintWriter out, PrintWriter err, PipelineFactory pipelines, ShardSpec part) {
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                PrepareConfig config = settings.config(PrepareConfig.DEFAULTS);
                if (!config.detectFaces() && !config.split().needsIdentities()) {
                    throw new IllegalArgumentException("--warm-cache fills the detection cache, but these settings detect no "
                            + "faces (--no-detect) and group no identities: there is nothing to cache; run the shards directly");
                }
                PrepareRequest request = readOnly(config, new ReviewRejections(null, Set.of(),
                        org.ferworkbench.core.plan.GroupDecisions.NONE));
                ShardExport.Warmed w = ShardExport.warmCaches(pipelines.create(config), request, part,
                        ConsoleProgress.forStderr(), cancellation);
                out.printf(Locale.ROOT, "Shard %s: read images %,d to %,d of the dataset (%,d, %,d unreadable) and cached their "
                        + "faces in %s in %.1f s%n", w.spec(), w.from() + 1, w.to(), w.sources(), w.unreadable(),
                        detectionCache == null ? "the user's cache" : detectionCache.toString(), w.seconds());
                out.flush();
                return FerCli.OK;
            } catch (CancellationException e) {
                String signal = interrupts.received();
                err.println((signal == null ? "Cancelled" : Interrupts.describe(signal))
                        + ": stopped; what was detected so far stays cached");
                return signal == null ? FerCli.FAILED : Interrupts.exitCodeOf(signal);
            } catch (IllegalArgumentException | IOException | DatasetException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
            } catch (IllegalStateException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.FAILED);
            }
        }
    }

    /** A request for the runs that read (and plan) but write no export: its output folder is never used. */
    private PrepareRequest readOnly(PrepareConfig config, ReviewRejections review) {
        return new PrepareRequest(dataset, dataset.resolveSibling("unused"), false, config, threads.count(), review.paths(),
                List.of(), skipEmptyClasses
                ? org.ferworkbench.core.plan.EmptyClassPolicy.LEAVE_OUT : org.ferworkbench.core.plan.EmptyClassPolicy.FAIL)
                .withGroups(review.groups());
    }

    private static void printShard(PrintWriter out, ShardExport.Result r) {
        r.housekeeping().forEach(n -> out.println("Note: " + n));
        String blocks = r.fromBlock() == r.toBlock() ? "no blocks (there are fewer blocks than shards)"
                : "blocks " + (r.fromBlock() + 1) + "-" + r.toBlock() + " of " + r.blocks();
        out.printf(Locale.ROOT, "Shard %s: rendered %s, %,d of %,d rows, into %s in %.1f s%n", r.spec(), blocks, r.jobs(),
                r.totalJobs(), r.folder(), r.seconds());
        out.printf(Locale.ROOT, "Once all %d shards are done: merge <the %d shard folders> --out <export folder>%n",
                r.spec().count(), r.spec().count());
        out.flush();
    }

    /** --dry-run: read (and detect), plan, print; nothing is rendered or written. */
    private int dryRun(PrintWriter out, PrintWriter err, PipelineFactory pipelines) {
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                PrepareConfig config = settings.config(PrepareConfig.DEFAULTS);
                ReviewRejections review = rejectedInReview(err);
                PrepareRequest request = readOnly(config, review);
                org.ferworkbench.core.plan.ExportPlan plan = pipelines.create(config).plan(request,
                        json ? org.ferworkbench.core.progress.ProgressListener.NONE : ConsoleProgress.forStderr(), cancellation);
                if (json) {
                    out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(org.ferworkbench.core.plan.PlanJson.of(plan)));
                } else {
                    PlanTable.print(out, plan);
                }
                out.flush();
                return FerCli.OK;
            } catch (CancellationException e) {
                String signal = interrupts.received();
                err.println((signal == null ? "Cancelled" : Interrupts.describe(signal)) + ": nothing was planned");
                return signal == null ? FerCli.FAILED : Interrupts.exitCodeOf(signal);
            } catch (IllegalArgumentException | IOException | DatasetException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
            } catch (IllegalStateException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.FAILED);
            }
        }
    }

    /** What the output must stay clear of besides the dataset: the review workspace, the decisions and settings files. */
    private List<OutputFolderRule.Kept> kept() {
        List<OutputFolderRule.Kept> kept = new ArrayList<>();
        Path root = dataset.toAbsolutePath().normalize();
        if (root.getParent() != null) {
            kept.add(new OutputFolderRule.Kept("the review workspace", root.resolveSibling(root.getFileName() + Workspace.SUFFIX)));
        }
        if (decisions != null) kept.add(new OutputFolderRule.Kept("the review decisions", decisions));
        if (settings.configFile() != null) kept.add(new OutputFolderRule.Kept("the settings file", settings.configFile()));
        return kept;
    }

    /** The images rejected in review, and the decisions on groups, as read from --decisions (none without it). */
    private record ReviewRejections(Path file, Set<String> paths, org.ferworkbench.core.plan.GroupDecisions groups) {
        /** After the run: how many rejections matched an image, and which named none. */
        void report(PrintWriter err, PrepareReport report) {
            if (file == null) return;
            int matched = paths.size() - report.unknownRejections().size();
            err.printf(Locale.ROOT, "%d image(s) rejected in review were left out (%s)%n", matched, file);
            List<String> unknown = report.unknownRejections();
            if (!unknown.isEmpty()) {
                int shown = Math.min(10, unknown.size());
                err.printf(Locale.ROOT, "Warning: %d decision(s) name images that are not in the dataset: %s%s%n", unknown.size(),
                        String.join(", ", unknown.subList(0, shown)), unknown.size() > shown ? ", ..." : "");
            }
            err.flush();
        }
    }

    /** The images rejected in the given review journal (none without --decisions); damaged lines are reported. */
    private ReviewRejections rejectedInReview(PrintWriter err) throws IOException {
        if (decisions == null) return new ReviewRejections(null, Set.of(), org.ferworkbench.core.plan.GroupDecisions.NONE);
        Path file = java.nio.file.Files.isDirectory(decisions) ? decisions.resolve("decisions.jsonl") : decisions;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No review decisions at " + file
                    + " (give the decisions.jsonl the app wrote, or its workspace folder)");
        }
        var snapshot = org.ferworkbench.core.curation.DecisionJournal.read(file);
        snapshot.warnings().forEach(w -> err.println("Warning: " + w));
        return new ReviewRejections(file, snapshot.rejected(), snapshot.groups());
    }

    /** What augmentation drew and what reached the arrays (summary.json has the histograms). */
    static void printAugmentation(PrintWriter out, List<ClassReport> classes) {
        if (classes.stream().allMatch(c -> c.augmentation.drawnCount() == 0)) return;
        out.printf(Locale.ROOT, "%nAugmented copies (summary.json \"augmentation\"; attempts.csv lists every discarded draw):%n");
        out.printf(Locale.ROOT, "%-14s %6s %6s %9s %9s %9s %8s  %s%n", "class", "drawn", "kept", "rot drawn", "rot kept",
                "net |rot|", "flipped", "discarded");
        for (ClassReport c : classes) {
            var a = c.augmentation;
            if (a.drawnCount() == 0) continue;
            String discarded = a.discardedByReason().isEmpty() ? "none" : String.join(", ", new java.util.TreeMap<>(
                    a.discardedByReason()).entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
            out.printf(Locale.ROOT, "%-14s %6d %6d %8.1f° %8.1f° %8.1f° %7.0f%%  %s%n", c.className, a.drawnCount(),
                    a.exportedCount(), a.meanDrawnRotation(), a.meanExportedRotation(), a.medianAbsoluteNetRotation(),
                    a.exportedCount() == 0 ? 0.0 : 100.0 * a.exportedFlipped() / a.exportedCount(), discarded);
        }
        out.println("  rot: mean rotation drawn and exported; net |rot|: median rotation left in the arrays after eye alignment"
                + " (in the study's order alignment turns the face back; --order detect-first keeps the rotation).");
    }

    /** The per-class table, the drops and the augmentation of an export (prepare's and merge's). */
    static void printClasses(PrintWriter out, List<ClassReport> classes) {
        out.printf(Locale.ROOT, "%-14s %6s %6s %6s %6s %6s %6s | %7s %6s %7s%n",
                "class", "found", "unread", "train", "test", "reject", "copies", "x_train", "x_test", "dropped");
        for (ClassReport c : classes) {
            out.printf(Locale.ROOT, "%-14s %6d %6d %6d %6d %6d %6d | %7d %6d %7d%n", c.className, c.found, c.unreadable,
                    c.splitTrain, c.splitTest, c.rejected, c.plannedCopies, c.exportedTrain, c.exportedTest, c.droppedTotal());
        }
        out.printf(Locale.ROOT, "%-14s %6s %6s %6s %6s %6s %6s | %7d %6d%n", "total", "", "", "", "", "", "",
                classes.stream().mapToInt(c -> c.exportedTrain).sum(), classes.stream().mapToInt(c -> c.exportedTest).sum());
        for (ClassReport c : classes) {
            c.dropped.forEach((reason, n) -> out.printf(Locale.ROOT, "  %s: %d dropped: %s%n", c.className, n, reason));
            if (c.wholeImageTest > 0) {
                out.printf(Locale.ROOT, "  %s: %d test image(s) without a face exported whole%n", c.className, c.wholeImageTest);
            }
        }
        printAugmentation(out, classes);
    }

    static void printSummary(PrintWriter out, PrepareReport r) {
        r.housekeeping().forEach(n -> out.println("Note: " + n));
        out.printf(Locale.ROOT, "Exported to %s in %.1f s (%.0f source images/s); face stage: %s%n%n",
                r.output(), r.seconds(), r.sourcesPerSecond(), r.faceStage());
        printClasses(out, r.classes());
        List<String> notes = r.notes();
        notes.forEach(n -> out.println("Note: " + n));
        org.ferworkbench.core.plan.GroupSummary.lines(r.plan()).forEach(out::println);
        if (!r.skipped().isEmpty()) {
            out.printf(Locale.ROOT, "%nNot used (%d files; all listed in manifest.csv):%n", r.skipped().size());
            SkippedFile.listed(r.skipped(), 20).forEach(line -> out.println("  " + line));
        }
        out.flush();
    }
}
