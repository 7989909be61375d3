package org.ferworkbench.bench;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.core.plan.ExportPlan;
import org.ferworkbench.core.plan.PlannedGroup;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.GroupBy;
import org.ferworkbench.core.split.SplitName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well identity grouping keeps people on one side, measured against the person in each file name (which the tool
 * itself never reads), not a unit test:
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.IdentitySurvey \
 *     ../shared/data/muxspace_fer6 detect 0.45,0.5,0.55,0.6
 * java -cp ... org.ferworkbench.bench.IdentitySurvey ../shared/data/ckplus48 no-detect 0.45,0.5,0.55,0.6
 * </pre>
 * For each threshold the real planner plans the export (default settings, seed 42, with {@code --group identity}),
 * and the survey prints: identities found; their pairwise precision (two images grouped together show one person) and
 * recall (two images of one person are grouped together), over the images with a face descriptor; the share of test
 * images whose person also appears in train; and each class's test share. The first line is the plain split.
 * Persons: CK+ "S010_..." is subject S010; LFW-style "Al_Gore_0002.jpg" is Al_Gore.
 */
public final class IdentitySurvey {
    private static final Pattern CK = Pattern.compile("^(S\\d+)_");
    private static final Pattern LFW = Pattern.compile("^(.+)_\\d+\\.[A-Za-z]+$");

    private IdentitySurvey() { }

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        boolean detect = !args[1].equals("no-detect");
        List<Double> thresholds = new ArrayList<>();
        for (String t : args[2].split(",")) thresholds.add(Double.parseDouble(t));
        // the user caches, so a second survey of the same data skips detection and analysis
        PreparePipeline pipeline = PreparePipeline.standard(new DetectionCache(DetectionCache.defaultDirectory()));
        PrepareConfig base = PrepareConfig.DEFAULTS.withDetectFaces(detect);
        System.out.printf(Locale.ROOT, "%s, detection %s%n", dataset, detect ? "on" : "off");
        survey("plain split", plan(pipeline, dataset, base));
        for (double t : thresholds) {
            PrepareConfig c = base.toBuilder().groupBy(GroupBy.IDENTITY).identityThreshold(t).build();
            long start = System.nanoTime();
            ExportPlan plan = plan(pipeline, dataset, c);
            System.out.printf(Locale.ROOT, "  (planned in %.1f s)%n", (System.nanoTime() - start) / 1e9);
            survey("identity " + t, plan);
        }
    }

    private static ExportPlan plan(PreparePipeline pipeline, Path dataset, PrepareConfig config) throws Exception {
        return pipeline.plan(new PrepareRequest(dataset, Path.of("/nonexistent-output"), false, config, 2, Set.of()),
                ProgressListener.NONE, new Cancellation());
    }

    static String person(String relativePath) {
        String name = Path.of(relativePath).getFileName().toString();
        Matcher m = CK.matcher(name);
        if (m.find()) return m.group(1);
        m = LFW.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    private static void survey(String label, ExportPlan plan) {
        Map<String, SplitName> splitOf = plan.splitOf();
        Map<String, Set<SplitName>> sidesOfPerson = new HashMap<>();
        splitOf.forEach((path, side) -> sidesOfPerson.computeIfAbsent(person(path), k -> new HashSet<>()).add(side));
        int test = 0, leaking = 0;
        for (Map.Entry<String, SplitName> e : splitOf.entrySet()) {
            if (e.getValue() != SplitName.TEST) continue;
            test++;
            if (sidesOfPerson.get(person(e.getKey())).contains(SplitName.TRAIN)) leaking++;
        }
        // pairwise precision and recall of the identity links, over images in identity groups or with a known person
        long together = 0, togetherSame = 0, samePairs = 0, samePairsTogether = 0;
        List<PlannedGroup> identityGroups = plan.groups().stream().filter(g -> g.kindNames().contains("identity")).toList();
        Map<String, Integer> groupOf = plan.groupOf();
        List<String> paths = new ArrayList<>(splitOf.keySet());
        Map<String, List<String>> byPerson = new HashMap<>();
        for (String p : paths) byPerson.computeIfAbsent(person(p), k -> new ArrayList<>()).add(p);
        for (PlannedGroup g : identityGroups) {
            List<String> m = g.members();
            for (int i = 0; i < m.size(); i++) {
                for (int j = i + 1; j < m.size(); j++) {
                    together++;
                    if (person(m.get(i)).equals(person(m.get(j)))) togetherSame++;
                }
            }
        }
        for (List<String> same : byPerson.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    samePairs++;
                    Integer a = groupOf.get(same.get(i)), b = groupOf.get(same.get(j));
                    if (a != null && a.equals(b)) samePairsTogether++;
                }
            }
        }
        double minShare = 1, maxShare = 0;
        for (ClassPlan c : plan.classes()) {
            minShare = Math.min(minShare, c.testShare());
            maxShare = Math.max(maxShare, c.testShare());
        }
        int largest = identityGroups.stream().mapToInt(PlannedGroup::size).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-14s %4d groups (%d with identity links, largest %d): pair precision %s, recall %.1f%%; "
                        + "test images whose person is in train: %d of %d (%.1f%%); class test shares %.1f-%.1f%%; %s%n",
                label, plan.groups().size(), identityGroups.size(), largest,
                String.format(Locale.ROOT, "%.1f%%", 100.0 * togetherSame / Math.max(1, together)),
                100.0 * samePairsTogether / Math.max(1, samePairs), leaking, test, 100.0 * leaking / Math.max(1, test),
                100 * minShare, 100 * maxShare, plan.notes().stream().filter(n -> n.contains("identit") || n.contains("describe"))
                        .toList());
    }
}
