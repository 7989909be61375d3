package org.ferworkbench.cli;

import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.export.OutputFolderRule;
import org.ferworkbench.core.export.OutputRefusedException;
import org.ferworkbench.core.curation.Workspace;
import org.ferworkbench.core.pipeline.ClassReport;
import org.ferworkbench.core.pipeline.ConfigFiles;
import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.split.SplitParameters;
import picocli.CommandLine.Command;
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

    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Output folder: a new folder, or an earlier export of this tool with --overwrite; never the dataset, inside it or above it.")
    Path out;

    @Option(names = "--overwrite",
            description = "Replace an earlier export of this tool in --out, once the new export is complete. Any other existing folder is refused.")
    boolean overwrite;

    @Option(names = "--config", paramLabel = "<file.json>", description = "Settings file, e.g. the config.json of an earlier export.")
    Path configFile;

    @Option(names = "--seed", description = "Seed of the split and every augmentation (default 42).")
    Long seed;

    @Option(names = "--test-ratio", paramLabel = "R", description = "Share of each class put in test (default 0.25).")
    Double testRatio;

    @Option(names = "--group-pattern", paramLabel = "REGEX",
            description = "Keep each subject on one side; group 1 of REGEX over the file name is the subject, e.g. '^(S\\d+)_' for CK+.")
    String groupPattern;

    @Option(names = "--balance", paramLabel = "majority|none|N", description = "Train count per class after oversampling (default majority).")
    String balance;

    @Option(names = "--rotation", paramLabel = "MIN,MAX", description = "Rotation range in degrees (default 0,90).")
    String rotation;

    @Option(names = "--brightness", paramLabel = "MIN,MAX", description = "Brightness factor range (default 0.2,1.0).")
    String brightness;

    @Option(names = "--no-rotation", description = "Do not rotate augmented copies.")
    boolean noRotation;

    @Option(names = "--no-brightness", description = "Do not change the brightness of augmented copies.")
    boolean noBrightness;

    @Option(names = "--no-flip", description = "Do not flip augmented copies.")
    boolean noFlip;

    @Option(names = "--border", paramLabel = "replicate|reflect|black", description = "How rotation fills corners (default replicate).")
    String border;

    @Option(names = "--size", description = "Output width and height in pixels (default 96).")
    Integer size;

    @Option(names = "--dtype", paramLabel = "float32|uint8", description = "Pixel type of x arrays (default float32 in [0,1]).")
    String dtype;

    @Option(names = "--format", paramLabel = "npy,npz,png", description = "What to write (default npy).")
    String format;

    @Option(names = "--no-detect", description = "Skip face detection: use whole images (for already cropped sets like FER2013, CK+48).")
    boolean noDetect;

    @Option(names = "--min-face", paramLabel = "PX", description = "MTCNN minimum face size in pixels (default 20).")
    Integer minFace;

    @Option(names = "--thresholds", paramLabel = "P,R,O", description = "MTCNN P-/R-/O-Net thresholds (default 0.6,0.7,0.7).")
    String thresholds;

    @Option(names = "--factor", description = "MTCNN pyramid factor (default 0.709).")
    Double factor;

    @Option(names = "--min-prob", paramLabel = "P", description = "Ignore faces below this probability (default 0: MTCNN's thresholds only).")
    Double minProbability;

    @Option(names = "--train-faces", paramLabel = "only-one|largest|most-confident",
            description = "Which train images/faces to keep (default only-one: drop images with 0 or several faces, as the study).")
    String trainFaces;

    @Option(names = "--test-faces", paramLabel = "only-one|largest|most-confident",
            description = "Which test face to keep (default largest; a test image with no face is dropped and listed).")
    String testFaces;

    @Option(names = "--order", paramLabel = "augment-first|detect-first",
            description = "augment-first (study): detect on every augmented copy, replacing copies that lose their face; "
                    + "detect-first: detect each source once and augment the aligned face.")
    String order;

    @Option(names = "--align", paramLabel = "eyes|similarity", description = "Alignment: level the eyes (study, default) or a 5-point similarity transform.")
    String align;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Augmentations a copy may try before it is given up (default 10).")
    Integer maxAttempts;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--decisions", paramLabel = "<file|workspace>",
            description = "Leave out the images rejected in review: the app's decisions.jsonl, or its workspace folder "
                    + "(DATASET" + org.ferworkbench.core.curation.Workspace.SUFFIX + " beside the dataset).")
    Path decisions;

    @Option(names = "--skip-empty-classes",
            description = "Leave out a class with no usable image (all unreadable or rejected) instead of stopping; the other classes are labelled again from 0.")
    boolean skipEmptyClasses;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    private final PipelineFactory pipelines;

    PrepareCommand() {
        this(PipelineFactory.DEFAULT);
    }

    PrepareCommand(PipelineFactory pipelines) {
        this.pipelines = pipelines;
    }

    /** How the command gets its pipeline (the composition root of the CLI). */
    interface PipelineFactory {
        PipelineFactory DEFAULT = config -> PreparePipeline.standard(
                new org.ferworkbench.core.face.DetectionCache(org.ferworkbench.core.face.DetectionCache.defaultDirectory()));

        PreparePipeline create(PrepareConfig config);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrepareConfig config;
        PrepareRequest request;
        ReviewRejections review;
        try {
            config = buildConfig();
            // the one output rule of core, here too, so a refused folder is reported before anything is read
            List<OutputFolderRule.Kept> kept = kept();
            OutputFolderRule.check(this.out, overwrite, PrepareRequest.keptPaths(dataset, kept));
            review = rejectedInReview(err);
            request = new PrepareRequest(dataset, this.out, overwrite, config,
                    threads == null ? PrepareRequest.defaultThreads() : threads, review.paths(), kept,
                    skipEmptyClasses ? PrepareRequest.EmptyClassPolicy.LEAVE_OUT : PrepareRequest.EmptyClassPolicy.FAIL);
        } catch (IllegalArgumentException | IOException | OutputRefusedException e) {
            return CliErrors.report(err, e, verbose, FerCli.BAD_INPUT);
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
                return CliErrors.report(err, e, verbose, FerCli.BAD_INPUT);
            } catch (ExportException | IllegalStateException e) {
                return CliErrors.report(err, e, verbose, FerCli.FAILED);
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
        if (configFile != null) kept.add(new OutputFolderRule.Kept("the settings file", configFile));
        return kept;
    }

    /** The images rejected in review, as read from --decisions (none without it). */
    private record ReviewRejections(Path file, Set<String> paths) {
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
        if (decisions == null) return new ReviewRejections(null, Set.of());
        Path file = java.nio.file.Files.isDirectory(decisions) ? decisions.resolve("decisions.jsonl") : decisions;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No review decisions at " + file
                    + " (give the decisions.jsonl the app wrote, or its workspace folder)");
        }
        var snapshot = org.ferworkbench.core.curation.DecisionJournal.read(file);
        snapshot.warnings().forEach(w -> err.println("Warning: " + w));
        return new ReviewRejections(file, snapshot.rejected());
    }

    PrepareConfig buildConfig() throws IOException {
        PrepareConfig c = configFile == null ? PrepareConfig.DEFAULTS : ConfigFiles.read(configFile);
        if (seed != null) c = c.withSeed(seed);
        if (testRatio != null || groupPattern != null) {
            c = c.withSplit(new SplitParameters(testRatio != null ? testRatio : c.split().testRatio(),
                    groupPattern != null ? groupPattern : c.split().groupPattern()));
        }
        if (balance != null) c = c.withBalance(BalanceTarget.parse(balance));
        AugmentationParameters a = c.augmentation();
        if (rotation != null) {
            double[] r = range("--rotation", rotation);
            a = a.withRotation(r[0], r[1]);
        }
        if (brightness != null) {
            double[] b = range("--brightness", brightness);
            a = a.withBrightness(b[0], b[1]);
        }
        if (border != null) {
            try {
                a = a.withBorder(BorderMode.valueOf(border.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--border must be replicate, reflect or black, got '" + border + "'");
            }
        }
        if (noRotation || noBrightness || noFlip) {
            a = new AugmentationParameters(a.rotate() && !noRotation, a.rotationMin(), a.rotationMax(),
                    a.brighten() && !noBrightness, a.brightnessMin(), a.brightnessMax(),
                    a.flip() && !noFlip, a.flipProbability(), a.border());
        }
        c = c.withAugmentation(a);
        if (size != null) c = c.withOutputSize(size);
        if (dtype != null) c = c.withDtype(OutputDtype.parse(dtype));
        if (format != null) c = c.withFormats(ExportFormat.parseList(format));
        if (noDetect) c = c.withDetectFaces(false);
        if (maxAttempts != null) c = c.withMaxAttempts(maxAttempts);
        c = c.withFace(faceOptions(c.face()));
        return c;
    }

    private org.ferworkbench.core.pipeline.FaceOptions faceOptions(org.ferworkbench.core.pipeline.FaceOptions f) {
        var d = f.detector();
        if (minFace != null || thresholds != null || factor != null) {
            double[] t = {d.pnetThreshold(), d.rnetThreshold(), d.onetThreshold()};
            if (thresholds != null) {
                String[] parts = thresholds.split(",");
                if (parts.length != 3) throw new IllegalArgumentException("--thresholds needs three numbers P,R,O, got '" + thresholds + "'");
                for (int i = 0; i < 3; i++) t[i] = number("--thresholds", parts[i]);
            }
            d = new org.ferworkbench.core.face.MtcnnParameters(minFace != null ? minFace : d.minFaceSize(), t[0], t[1], t[2],
                    factor != null ? factor : d.scaleFactor());
        }
        f = f.withDetector(d);
        if (minProbability != null) f = f.withMinProbability(minProbability);
        if (trainFaces != null || testFaces != null) {
            f = f.withPolicies(trainFaces != null ? enumOption("--train-faces", trainFaces, org.ferworkbench.core.pipeline.FacePolicy.class) : f.trainPolicy(),
                    testFaces != null ? enumOption("--test-faces", testFaces, org.ferworkbench.core.pipeline.FacePolicy.class) : f.testPolicy());
        }
        if (order != null) {
            f = f.withOrder(switch (order.trim().toLowerCase(Locale.ROOT)) {
                case "augment-first", "augment_then_detect" -> org.ferworkbench.core.pipeline.PipelineOrder.AUGMENT_THEN_DETECT;
                case "detect-first", "detect_then_augment" -> org.ferworkbench.core.pipeline.PipelineOrder.DETECT_THEN_AUGMENT;
                default -> throw new IllegalArgumentException("--order must be augment-first or detect-first, got '" + order + "'");
            });
        }
        if (align != null) f = f.withAlignment(enumOption("--align", align, org.ferworkbench.core.align.AlignmentMethod.class));
        return f;
    }

    private static <E extends Enum<E>> E enumOption(String option, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                if (allowed.length() > 0) allowed.append(", ");
                allowed.append(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException(option + " must be one of " + allowed + ", got '" + text + "'");
        }
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs numbers, got '" + text + "'");
        }
    }

    private static double[] range(String option, String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) throw new IllegalArgumentException(option + " needs MIN,MAX, got '" + text + "'");
        try {
            return new double[]{Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs two numbers MIN,MAX, got '" + text + "'");
        }
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
        }
        List<String> notes = r.notes();
        notes.forEach(n -> out.println("Note: " + n));
        if (!r.skipped().isEmpty()) {
            out.printf(Locale.ROOT, "%nNot used (%d files; all listed in manifest.csv):%n", r.skipped().size());
            SkippedFile.listed(r.skipped(), 20).forEach(line -> out.println("  " + line));
        }
        out.flush();
    }
}
