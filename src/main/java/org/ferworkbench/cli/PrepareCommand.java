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
        if (dryRun) return dryRun(out, err);
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

    /** --dry-run: read (and detect), plan, print; nothing is rendered or written. */
    private int dryRun(PrintWriter out, PrintWriter err) {
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                PrepareConfig config = settings.config(PrepareConfig.DEFAULTS);
                ReviewRejections review = rejectedInReview(err);
                PrepareRequest request = new PrepareRequest(dataset, dataset.resolveSibling("unused"), false, config,
                        threads.count(), review.paths(), List.of(), skipEmptyClasses
                        ? org.ferworkbench.core.plan.EmptyClassPolicy.LEAVE_OUT : org.ferworkbench.core.plan.EmptyClassPolicy.FAIL)
                        .withGroups(review.groups());
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
    static void printAugmentation(PrintWriter out, PrepareReport r) {
        if (r.classes().stream().allMatch(c -> c.augmentation.drawnCount() == 0)) return;
        out.printf(Locale.ROOT, "%nAugmented copies (summary.json \"augmentation\"; attempts.csv lists every discarded draw):%n");
        out.printf(Locale.ROOT, "%-14s %6s %6s %9s %9s %9s %8s  %s%n", "class", "drawn", "kept", "rot drawn", "rot kept",
                "net |rot|", "flipped", "discarded");
        for (ClassReport c : r.classes()) {
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

    static void printSummary(PrintWriter out, PrepareReport r) {
        r.housekeeping().forEach(n -> out.println("Note: " + n));
        out.printf(Locale.ROOT, "Exported to %s in %.1f s (%.0f source images/s); face stage: %s%n%n",
                r.output(), r.seconds(), r.sourcesPerSecond(), r.faceStage());
        out.printf(Locale.ROOT, "%-14s %6s %6s %6s %6s %6s %6s | %7s %6s %7s%n",
                "class", "found", "unread", "train", "test", "reject", "copies", "x_train", "x_test", "dropped");
        for (ClassReport c : r.classes()) {
            out.printf(Locale.ROOT, "%-14s %6d %6d %6d %6d %6d %6d | %7d %6d %7d%n", c.className, c.found, c.unreadable,
                    c.splitTrain, c.splitTest, c.rejected, c.plannedCopies, c.exportedTrain, c.exportedTest, c.droppedTotal());
        }
        out.printf(Locale.ROOT, "%-14s %6s %6s %6s %6s %6s %6s | %7d %6d%n", "total", "", "", "", "", "", "",
                r.exportedTrain(), r.exportedTest());
        for (ClassReport c : r.classes()) {
            c.dropped.forEach((reason, n) -> out.printf(Locale.ROOT, "  %s: %d dropped: %s%n", c.className, n, reason));
            if (c.wholeImageTest > 0) {
                out.printf(Locale.ROOT, "  %s: %d test image(s) without a face exported whole%n", c.className, c.wholeImageTest);
            }
        }
        printAugmentation(out, r);
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
