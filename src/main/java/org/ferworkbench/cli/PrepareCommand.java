package org.ferworkbench.cli;

import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;

@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Splits, balances, augments, (detects and aligns faces,) resizes and exports a dataset.",
                "Settings come from the defaults (the study's), then --config, then the options given."})
final class PrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<dataset>", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output folder (must not exist unless --overwrite).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing output folder (only once the new export is complete).")
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

    @Option(names = "--threads", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

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
        PipelineFactory DEFAULT = config -> PreparePipeline.withoutDetection();

        PreparePipeline create(PrepareConfig config);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrepareConfig config;
        PrepareRequest request;
        try {
            config = buildConfig();
            request = new PrepareRequest(dataset, this.out, overwrite, config,
                    threads == null ? PrepareRequest.defaultThreads() : threads, Set.of());
        } catch (IllegalArgumentException | IOException e) {
            return CliErrors.report(err, e, verbose, FerCli.BAD_INPUT);
        }
        if (java.nio.file.Files.exists(this.out) && !overwrite) {
            return CliErrors.report(err, new IllegalArgumentException("Output folder already exists: " + this.out
                    + " (choose another folder or add --overwrite)"), false, FerCli.BAD_INPUT);
        }
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "cancel-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PreparePipeline pipeline = pipelines.create(config);
            PrepareReport report = pipeline.run(request, ConsoleProgress.forStderr(), cancellation);
            printSummary(out, report);
            return FerCli.OK;
        } catch (DatasetException e) {
            return CliErrors.report(err, e, verbose, FerCli.BAD_INPUT);
        } catch (ExportException e) {
            return CliErrors.report(err, e, verbose, FerCli.FAILED);
        } catch (CancellationException e) {
            return CliErrors.report(err, new IllegalStateException("Cancelled; nothing was written to " + this.out), verbose, FerCli.FAILED);
        } catch (IllegalStateException e) {
            return CliErrors.report(err, e, verbose, FerCli.FAILED);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
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
        return c;
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
            r.skipped().stream().limit(20).forEach(s -> out.println("  " + s.relativePath() + ": " + s.reason()));
            if (r.skipped().size() > 20) out.printf(Locale.ROOT, "  ... and %d more%n", r.skipped().size() - 20);
        }
        out.flush();
    }
}
