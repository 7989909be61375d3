package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.ferworkbench.core.audit.SplitAudit;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.plan.PlanJson;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/** {@code audit}: checks an existing split for duplicates on more than one side; exit 1 when it leaks. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check a split for leakage: duplicate and near-duplicate images on more than one side.",
                "FOLDER is an export of this tool, or any folder with train/ and test/ (and optionally val/) holding class folders.",
                "Exit code 0: clean; 1: groups straddle splits; 2: bad input."})
final class AuditCommand implements Callable<Integer>, BatchCommand {
    /** Exit code when duplicates straddle splits: a CI job fails on it. */
    static final int LEAKS = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "An export, or a folder with train/ and test/ (and val/).")
    Path folder;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "For an export: the dataset it was made from (default: the one its summary.json names).")
    Path dataset;

    @Mixin
    NearDistanceOption nearDistance;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int distance;
        int n;
        try {
            // read and checked as prepare reads it (the same setting)
            PrepareConfigBuilder settings = PrepareConfig.builder();
            OptionSettings.apply(spec, settings);
            distance = OptionSettings.build(settings).split().nearDistance();
            n = threads.count();
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, e, false, FerCli.BAD_INPUT);
        }
        SplitAudit.Result r;
        ExecutorService pool = Parallel.daemonPool("audit", n);
        try {
            ProgressListener progress = json ? ProgressListener.NONE : ConsoleProgress.forStderr();
            r = new SplitAudit(new SourceReader(new ImageCodec()), new DatasetScanner())
                    .audit(folder, dataset, distance, new Parallel(pool, n), progress, new Cancellation());
        } catch (DatasetException | IOException e) {
            return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
        } finally {
            pool.shutdownNow();
        }
        if (json) printJson(out, r);
        else printText(out, r);
        out.flush();
        return r.clean() ? 0 : LEAKS;
    }

    private static void printText(PrintWriter out, SplitAudit.Result r) {
        List<String> sides = new ArrayList<>();
        r.imagesPerSplit().forEach((s, c) -> sides.add(String.format(Locale.ROOT, "%s %,d", s, c)));
        out.printf(Locale.ROOT, "Checked %,d images (%s): %d group(s) of duplicates, %d straddle splits, %d label conflict(s)%n",
                r.imagesPerSplit().values().stream().mapToInt(Integer::intValue).sum(), String.join(", ", sides),
                r.groups().size(), r.straddling(), r.labelConflicts());
        for (SplitAudit.AuditedGroup g : r.groups()) {
            if (!g.straddles() && !g.group().labelConflict()) continue;
            out.printf(Locale.ROOT, "  %s group %d (%s; %s): %s%n", g.straddles() ? "LEAK" : "conflict", g.group().id(),
                    String.join("+", g.splits()), String.join(", ", g.group().classes()), String.join(", ", g.group().members()));
        }
        if (!r.unreadable().isEmpty()) out.printf(Locale.ROOT, "%d unreadable file(s) were not checked%n", r.unreadable().size());
        out.println(r.clean() ? "Clean: no duplicate is on more than one side." : "Leaks: the groups marked LEAK have images on more than one side.");
    }

    private static void printJson(PrintWriter out, SplitAudit.Result r) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("images", r.imagesPerSplit());
        root.put("straddling", r.straddling());
        root.put("label_conflicts", r.labelConflicts());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (SplitAudit.AuditedGroup g : r.groups()) {
            Map<String, Object> m = PlanJson.group(g.group());
            m.put("splits", g.splits());
            m.put("straddles", g.straddles());
            groups.add(m);
        }
        root.put("groups", groups);
        root.put("unreadable", r.unreadable());
        root.put("clean", r.clean());
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    }
}
