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
import org.ferworkbench.core.labels.ExpressionMapping;
import org.ferworkbench.core.labels.LabelAgreement;
import org.ferworkbench.core.labels.LabelCheck;
import org.ferworkbench.core.labels.LabelOpinion;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.pipeline.SourceSurvey;
import org.ferworkbench.core.settings.PrepareConfig;
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

    private final PipelineFactory pipelines;

    StatsCommand(PipelineFactory pipelines) {
        this.pipelines = pipelines;
    }

    @Option(names = "--label-check", description = "Also score each image's face with the expression net: how often it "
            + "agrees with each class folder, and the images whose label it disputes (own class under "
            + (int) (LabelOpinion.OWN_BELOW * 100) + "%, another class at " + (int) (LabelOpinion.OTHER_AT_LEAST * 100)
            + "% or more). An aid: nothing is rejected.")
    boolean labelCheck;

    @Option(names = "--label-map", paramLabel = "class=expression,...", description = "With --label-check: the expression "
            + "each class stands for where its name is not the usual one (anger/angry, disgust, fear, happiness/happy, "
            + "sadness/sad, surprise, neutral), e.g. wut=angry,freude=happy.")
    String labelMap;

    @Option(names = "--whole-images", description = "With --label-check: score each whole image (already cropped faces, e.g. "
            + "CK+48) instead of its largest MTCNN face.")
    boolean wholeImages;

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
        if (labelCheck && quick) {
            return CliErrors.report(err, new IllegalArgumentException("--label-check needs the images decoded: drop --quick"),
                    false, FerCli.BAD_INPUT);
        }
        LabelCheck check = null;
        if (!quick) {
            ProgressListener progress = json ? ProgressListener.NONE : ConsoleProgress.forStderr();
            if (labelCheck) {
                // one reading serves both: the survey reads every image as prepare does, faces analysed
                try {
                    ExpressionMapping mapping = ExpressionMapping.of(scanned.classNames(), labelMap);
                    SourceSurvey survey = survey(n, progress);
                    reading = survey.reading();
                    check = LabelCheck.of(survey, mapping);
                } catch (IllegalArgumentException | DatasetException e) {
                    return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
                }
            } else {
                ExecutorService pool = Parallel.daemonPool("stats", n);
                try {
                    reading = new SourceReader(new ImageCodec()).readAll(scanned.samples(), new Parallel(pool, n), progress,
                            new Cancellation());
                } finally {
                    pool.shutdownNow();
                }
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
            if (check != null) root.put("label_check", labelCheckJson(check));
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
        if (check != null) printLabelCheck(out, check);
        tooSmall(scanned, reading).forEach(w -> out.println("Warning: " + w));
        out.flush();
        return FerCli.OK;
    }

    /** Every image read as prepare reads it, with its face analysed (detection unless --whole-images); writes nothing. */
    private SourceSurvey survey(int threads, ProgressListener progress) throws DatasetException {
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(!wholeImages);
        PrepareRequest request = new PrepareRequest(dataset, dataset, false, config, threads, java.util.Set.of());
        return pipelines.create(config).survey(request, progress, new Cancellation());
    }

    private static Map<String, Object> labelCheckJson(LabelCheck check) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (LabelAgreement.ClassAgreement c : check.agreement().classes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.className());
            row.put("expression", c.expression() == null ? null : c.expression().name().toLowerCase(Locale.ROOT));
            row.put("scored", c.scored());
            row.put("agreed", c.agreed());
            row.put("agreement", c.scored() == 0 ? null : Math.round(c.share() * 10000) / 10000.0);
            row.put("disputed", c.disputed());
            classes.add(row);
        }
        m.put("classes", classes);
        m.put("not_scored", check.notScored());
        m.put("thresholds", Map.of("own_below", LabelOpinion.OWN_BELOW, "other_at_least", LabelOpinion.OTHER_AT_LEAST));
        List<Map<String, Object>> disputed = new ArrayList<>();
        for (LabelCheck.Disputed d : check.disputed()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", d.path());
            row.put("class", d.className());
            row.put("own", round(d.opinion().own()));
            row.put("rival", d.opinion().rival());
            row.put("rival_probability", round(d.opinion().rivalProbability()));
            List<Map<String, Object>> top = new ArrayList<>();
            for (LabelOpinion.Scored t : d.opinion().top()) {
                top.add(Map.of("expression", t.expression().name().toLowerCase(Locale.ROOT), "probability", round(t.probability())));
            }
            row.put("top", top);
            disputed.add(row);
        }
        m.put("disputed", disputed);
        return m;
    }

    private static double round(float p) {
        return Math.round(p * 10000.0) / 10000.0;
    }

    private static void printLabelCheck(PrintWriter out, LabelCheck check) {
        out.printf(Locale.ROOT, "%nLabel check (the expression net's second opinion; an aid, nothing is rejected):%n");
        out.printf(Locale.ROOT, "  %-20s %-10s %7s %9s %8s%n", "class", "net says", "scored", "agreement", "disputed");
        for (LabelAgreement.ClassAgreement c : check.agreement().classes()) {
            out.printf(Locale.ROOT, "  %-20s %-10s %7d %9s %8s%n", c.className(),
                    c.expression() == null ? "-" : c.expression().name().toLowerCase(Locale.ROOT), c.scored(),
                    c.expression() == null || c.scored() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * c.share()),
                    c.expression() == null ? "-" : Integer.toString(c.disputed()));
        }
        if (check.notScored() > 0) out.printf(Locale.ROOT, "  %d image(s) without a face to score%n", check.notScored());
        if (!check.disputed().isEmpty()) {
            out.printf(Locale.ROOT, "  Disputed labels (%d; stats --json lists them all):%n", check.disputed().size());
            check.disputed().stream().limit(10).forEach(d ->
                    out.printf(Locale.ROOT, "    %s: %s%n", d.path(), d.opinion().describe(d.className())));
        }
    }
}
