package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.read.Reading;
import org.ferworkbench.core.duplicates.DuplicateCandidate;
import org.ferworkbench.core.duplicates.DuplicateFinder;
import org.ferworkbench.core.duplicates.DuplicateGroup;
import org.ferworkbench.core.plan.PlanJson;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.read.UnusableSource;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Lists the classes of a dataset with their image counts, and every file that cannot be used.")
final class StatsCommand implements Callable<Integer>, BatchCommand {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<dataset>", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Option(names = "--json", description = "Print JSON for machines instead of a table.")
    boolean json;

    @Option(names = "--quick", description = "Do not decode the images (faster; unreadable images are not found).")
    boolean quick;

    @Mixin
    ThreadsOption threads;

    @Mixin
    VerboseOption verbose;

    /**
     * Classes that cannot be split: prepare needs at least two usable images per class (one for train, one for test),
     * and stops on a class with none. Said here, before anyone waits for an export.
     */
    static List<String> tooSmall(Dataset dataset, Reading reading) {
        boolean quick = reading == null;
        Map<String, Integer> counts = quick ? dataset.countsByClass() : reading.usableByClass(dataset.classNames());
        List<String> warnings = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n < org.ferworkbench.core.split.StratifiedSplitter.MIN_PER_CLASS) {
                warnings.add(String.format(Locale.ROOT, "class '%s' has %d %simage%s: prepare needs at least 2 per class "
                        + "(one for train, one for test)%s", c, n, quick ? "" : "usable ", n == 1 ? "" : "s",
                        n == 0 ? "; it stops on this class unless --skip-empty-classes leaves it out" : ""));
            }
        });
        return warnings;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n;
        try {
            n = threads.count();
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, e, false, FerCli.BAD_INPUT);
        }
        Dataset scanned;
        Reading reading = null;
        try {
            scanned = new DatasetScanner().scan(dataset);
        } catch (DatasetException e) {
            return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
        }
        if (!quick) {
            ProgressListener progress = json ? ProgressListener.NONE : ConsoleProgress.forStderr();
            ExecutorService pool = Parallel.daemonPool("stats", n);
            try {
                reading = new SourceReader(new ImageCodec()).readAll(scanned.samples(), new Parallel(pool, n), progress,
                        new Cancellation());
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, Integer> found = scanned.countsByClass();
        // the same duplicate groups prepare would keep on one side (default distance), found from what was just read
        List<DuplicateGroup> groups = quick ? List.of() : new DuplicateFinder(DuplicateFinder.DEFAULT_MAX_DISTANCE).find(
                reading.usable().stream().map(u -> new DuplicateCandidate(u.sample().relativePath(), u.sample().className(),
                        u.sha256(), u.fingerprint())).toList()).groups();
        List<UnusableSource> unreadable = quick ? List.of() : reading.unusable();
        Map<String, Integer> readable = quick ? found : reading.usableByClass(scanned.classNames());
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("dataset", FileNames.path(scanned.root().toAbsolutePath()));
            List<Map<String, Object>> classes = new ArrayList<>();
            int label = 0;
            for (String c : scanned.classNames()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", label++);
                m.put("name", c);
                m.put("files", found.get(c));
                if (!quick) m.put("readable", readable.get(c));
                classes.add(m);
            }
            root.put("classes", classes);
            root.put("files", scanned.samples().size());
            if (!quick) root.put("readable", readable.values().stream().mapToInt(Integer::intValue).sum());
            List<Map<String, String>> problems = new ArrayList<>();
            for (UnusableSource u : unreadable) problems.add(Map.of("path", u.sample().relativePath(), "reason", u.reason()));
            for (SkippedFile s : scanned.skipped()) problems.add(Map.of("path", s.relativePath(), "reason", s.reason()));
            root.put("skipped", problems);
            if (!quick) root.put("duplicate_groups", groups.stream().map(PlanJson::group).toList());
            root.put("warnings", tooSmall(scanned, reading));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            out.flush();
            return FerCli.OK;
        }
        out.printf(Locale.ROOT, "Dataset %s%n%n", FileNames.path(scanned.root().toAbsolutePath()));
        out.printf(Locale.ROOT, "%5s  %-20s %8s %8s %7s%n", "label", "class", "files", quick ? "" : "readable", "share");
        int total = scanned.samples().size();
        int label = 0;
        for (String c : scanned.classNames()) {
            out.printf(Locale.ROOT, "%5d  %-20s %8d %8s %6.1f%%%n", label++, c, found.get(c),
                    quick ? "" : Integer.toString(readable.get(c)), 100.0 * found.get(c) / Math.max(1, total));
        }
        int readableTotal = readable.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "%5s  %-20s %8d %8s%n", "", "total", total, quick ? "" : Integer.toString(readableTotal));
        List<String> problems = new ArrayList<>();
        unreadable.forEach(u -> problems.add(u.sample().relativePath() + ": " + u.reason()));
        scanned.skipped().forEach(s -> problems.add(s.relativePath() + ": " + s.reason()));
        if (!problems.isEmpty()) {
            out.printf(Locale.ROOT, "%nNot used (%d):%n", problems.size());
            problems.forEach(p -> out.println("  " + p));
        }
        if (!quick) {
            long conflicts = groups.stream().filter(DuplicateGroup::labelConflict).count();
            out.printf(Locale.ROOT, "%nDuplicates: %d group(s) of 2 or more images (%d images), %d with files in several classes%s%n",
                    groups.size(), groups.stream().mapToInt(g -> g.members().size()).sum(), conflicts,
                    groups.isEmpty() ? "" : "; prepare keeps each group on one side (stats --json lists them)");
            groups.stream().filter(DuplicateGroup::labelConflict).limit(10).forEach(g ->
                    out.printf(Locale.ROOT, "  label conflict (%s): %s%n", String.join(", ", g.classes()), String.join(", ", g.members())));
        }
        tooSmall(scanned, reading).forEach(w -> out.println("Warning: " + w));
        out.flush();
        return FerCli.OK;
    }
}
