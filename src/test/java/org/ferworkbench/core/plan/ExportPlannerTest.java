package org.ferworkbench.core.plan;

import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.LabelConflicts;
import org.ferworkbench.core.split.SplitParameters;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportPlannerTest {
    @TempDir
    Path dir;

    private final ExportPlanner planner = new ExportPlanner();

    @Test
    void thePlanIsWhatThePipelineExports() throws Exception {
        Path root = TestData.dataset(dir.resolve("data"), new TreeMap<>(Map.of("anger", 12, "disgust", 5, "fear", 8)), 24);
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(24);
        Dataset dataset = new DatasetScanner().scan(root);
        ExportPlan before = planner.plan(dataset, Map.of(), Set.of(), config, EmptyClassPolicy.FAIL);
        String trainImage = before.splitOf().entrySet().stream()
                .filter(e -> e.getKey().startsWith("anger/") && e.getValue() == SplitName.TRAIN).findFirst().orElseThrow().getKey();
        Set<String> rejected = Set.of(trainImage, "disgust/disgust_001.jpg");
        ExportPlan plan = planner.plan(dataset, Map.of(), rejected, config, EmptyClassPolicy.FAIL);

        PrepareReport report = PreparePipeline.withoutDetection().run(
                new PrepareRequest(root, dir.resolve("out"), false, config, 2, rejected), ProgressListener.NONE, new Cancellation());
        for (ClassReport r : report.classes()) {
            ClassPlan c = plan.classes().get(r.label);
            assertThat(c.name()).isEqualTo(r.className);
            assertThat(c.original()).isEqualTo(r.found);
            assertThat(c.trainSplit()).isEqualTo(r.splitTrain);
            assertThat(c.testSplit()).isEqualTo(r.splitTest);
            assertThat(c.rejected()).isEqualTo(r.rejected);
            assertThat(c.copies()).isEqualTo(r.plannedCopies);
            assertThat(c.finalTrain()).isEqualTo(r.exportedTrain);
            assertThat(c.finalTest()).isEqualTo(r.exportedTest);
        }
        int[] train = NpyFile.read(dir.resolve("out/y_train.npy")).labelCounts();
        int[] test = NpyFile.read(dir.resolve("out/y_test.npy")).labelCounts();
        for (ClassPlan c : plan.classes()) {
            assertThat(train[c.label()]).isEqualTo(c.finalTrain());
            assertThat(test[c.label()]).isEqualTo(c.finalTest());
        }
        // balancing makes up for the rejected anger image: every class still reaches the majority count
        assertThat(plan.classes()).extracting(ClassPlan::finalTrain).containsOnly(8);
        assertThat(plan.unchecked()).as("no facts given: every image unchecked").isEqualTo(25);
    }

    @Test
    void anImpossibleSplitIsOneSentenceNamingTheClassAndTheCountsStillShow() throws Exception {
        Path root = TestData.dataset(dir.resolve("tiny"), new TreeMap<>(Map.of("anger", 3, "fear", 1)), 16);
        Dataset dataset = new DatasetScanner().scan(root);
        assertThatThrownBy(() -> planner.plan(dataset, Map.of(), Set.of(), PrepareConfig.DEFAULTS, EmptyClassPolicy.FAIL))
                .isInstanceOf(DatasetException.class).hasMessageContaining("'fear'");
        assertThat(ExportPlanner.countsOnly(dataset, Map.of(), PrepareConfig.DEFAULTS).classes()).extracting(ClassPlan::original).containsExactly(3, 1);
    }

    /** A face at a given position and size, with five landmarks inside it. */
    private static FaceDetection face(float x, float size, float probability) {
        List<FaceDetection.Landmark> marks = new ArrayList<>();
        for (int i = 0; i < 5; i++) marks.add(new FaceDetection.Landmark(x + size * (0.2f + 0.15f * i), size / 2));
        return new FaceDetection(x, 0, x + size, size, probability, marks);
    }

    /**
     * Property test over random datasets, ratios, balance targets, review rejections, unreadable files and face
     * verdicts (with and without detection): the counts add up at every stage, each file has exactly one fate (a row
     * or a reason), no source is on both sides, train classes are equal when balancing to the majority, and the same
     * inputs give the same plan.
     */
    @RepeatedTest(60)
    void countsAddUpAndEveryFileHasOneFate(RepetitionInfo info) throws Exception {
        Random r = new Random(1000 + info.getCurrentRepetition());
        int classes = 2 + r.nextInt(4);
        List<Sample> samples = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String name = "class" + c;
            names.add(name);
            int n = 4 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                String rel = name + "/img" + i + ".jpg";
                samples.add(new Sample(name, c, rel, Path.of(rel)));
            }
        }
        Dataset dataset = new Dataset(Path.of("data"), names, samples, List.of());
        boolean detect = r.nextBoolean();
        Map<String, SourceFacts> facts = new HashMap<>();
        Set<String> rejected = new HashSet<>();
        for (Sample s : samples) {
            double u = r.nextDouble();
            if (u < 0.05) {
                facts.put(s.relativePath(), SourceFacts.unreadable(s, "corrupt"));
                continue;
            }
            List<FaceDetection> faces = new ArrayList<>();
            double f = r.nextDouble();
            if (f > 0.15) faces.add(face(10, 40, 0.99f));
            if (f > 0.93) faces.add(face(60, 30, 0.9f));
            // most read, a few not checked yet (the app, mid-check)
            // some files are byte-identical copies of others, in the same class or another (a label conflict)
            String sha = r.nextDouble() < 0.12 ? "dup" + r.nextInt(10) : "h" + s.relativePath();
            if (u < 0.9) facts.put(s.relativePath(), SourceFacts.readable(s, sha, 128, 128, detect ? faces : null));
            if (r.nextDouble() < 0.04) rejected.add(s.relativePath());
        }
        double ratio = 0.1 + 0.4 * r.nextDouble();
        PrepareConfig config = PrepareConfig.DEFAULTS.withSeed(r.nextLong()).withDetectFaces(detect)
                .withSplit(new SplitParameters(ratio, null, r.nextBoolean() ? DuplicateHandling.GROUP : DuplicateHandling.IGNORE,
                        8, r.nextBoolean() ? LabelConflicts.TOGETHER : LabelConflicts.DROP))
                .withBalance(r.nextBoolean() ? BalanceTarget.parse("majority") : BalanceTarget.parse("none"));
        if (detect) config = config.withFace(config.face().withPolicies(FacePolicy.ONLY_ONE,
                r.nextBoolean() ? FacePolicy.LARGEST : FacePolicy.ONLY_ONE));
        ExportPlan plan;
        try {
            plan = planner.plan(dataset, facts, rejected, config, EmptyClassPolicy.LEAVE_OUT);
        } catch (DatasetException e) {
            // a class too small to split or with no train face: said in one sentence naming a class
            assertThat(e.getMessage()).containsPattern("'class\\d'");
            return;
        }
        assertThat(planner.plan(dataset, facts, rejected, config, EmptyClassPolicy.LEAVE_OUT)).as("deterministic").isEqualTo(plan);

        Map<String, Integer> rows = new HashMap<>();
        Set<String> trainSources = new HashSet<>();
        Set<String> testSources = new HashSet<>();
        for (PlannedJob j : plan.jobs()) {
            String path = j.source().sample().relativePath();
            (j.split() == SplitName.TRAIN ? trainSources : testSources).add(path);
            if (!j.isCopy()) rows.merge(path, 1, Integer::sum);
        }
        assertThat(trainSources).as("no source on both sides").doesNotContainAnyElementsOf(testSources);
        Set<String> fated = new HashSet<>(rows.keySet());
        for (NotExported n : plan.notExported()) {
            assertThat(fated.add(n.relativePath())).as("one fate for " + n.relativePath()).isTrue();
        }
        assertThat(rows.values()).as("an original is exported once").containsOnly(1);
        assertThat(fated).as("every file has a fate").hasSize(samples.size());

        for (ClassPlan c : plan.classes()) {
            int usable = c.original() - c.unreadable() - c.labelConflicts();
            assertThat(c.trainSplit() + c.testSplit()).isEqualTo(usable);
            long trainJobs = plan.jobs().stream().filter(j -> j.split() == SplitName.TRAIN && j.source().sample().className().equals(c.name())).count();
            long testJobs = plan.jobs().stream().filter(j -> j.split() == SplitName.TEST && j.source().sample().className().equals(c.name())).count();
            assertThat(trainJobs).isEqualTo(c.finalTrain());
            assertThat(testJobs).isEqualTo(c.finalTest());
            assertThat(c.finalTest()).isEqualTo(c.testSplit() - rejectedIn(plan, c, "test") - c.droppedTestTotal());
            assertThat(c.trainOriginals()).isLessThanOrEqualTo(c.trainSplit() - rejectedIn(plan, c, "train") - c.droppedTrainTotal());
            assertThat(c.finalTrain()).isEqualTo(c.trainOriginals() + c.copies());
            if (!detect) assertThat(c.droppedTrainTotal() + c.droppedTestTotal()).isZero();
        }
        for (PlannedGroup g : plan.groups()) {
            Set<SplitName> sides = new HashSet<>();
            for (String m : g.members()) if (plan.splitOf().containsKey(m)) sides.add(plan.splitOf().get(m));
            assertThat(g.straddles()).isEqualTo(sides.size() > 1);
            if (config.split().duplicates() == DuplicateHandling.GROUP) {
                assertThat(g.straddles()).as("group " + g.members() + " on one side").isFalse();
            }
            for (String m : g.members()) assertThat(plan.groupOf()).containsEntry(m, g.id());
        }
        for (PlannedGroup copies : plan.copies()) {
            assertThat(plan.groups()).as("the group that holds copies " + copies.members())
                    .anySatisfy(g -> assertThat(g.id() == copies.id() && g.members().containsAll(copies.members())).isTrue());
            if (config.split().labelConflicts() == LabelConflicts.DROP && copies.labelConflict()) {
                assertThat(copies.split()).isEqualTo(PlannedGroup.DROPPED);
                assertThat(copies.members()).noneMatch(plan.splitOf()::containsKey);
            }
        }
        if (config.balance().equals(BalanceTarget.parse("majority"))) {
            assertThat(plan.classes()).extracting(ClassPlan::finalTrain).containsOnly(plan.classes().get(0).finalTrain());
        }
        for (PlannedJob j : plan.jobs()) {
            if (j.isCopy()) assertThat(j.pool()).contains(j.source()).allMatch(p -> p.sample().className().equals(j.source().sample().className()));
        }
    }

    @Test
    void ignoringDuplicatesGivesThePlainSplitOfTheStudy() throws Exception {
        Map<String, Integer> counts = new TreeMap<>(Map.of("anger", 40, "fear", 25, "happy", 33));
        List<Sample> samples = TestData.samples(counts);
        Dataset dataset = new Dataset(Path.of("data"), List.copyOf(counts.keySet()), samples, List.of());
        Map<String, SourceFacts> unique = new HashMap<>();
        Map<String, SourceFacts> withCopies = new HashMap<>();
        Random r = new Random(5);
        for (Sample s : samples) {
            unique.put(s.relativePath(), SourceFacts.readable(s, "h" + s.relativePath(), 48, 48, null));
            withCopies.put(s.relativePath(), SourceFacts.readable(s, r.nextInt(4) == 0 ? "dup" + r.nextInt(12) : "h" + s.relativePath(),
                    48, 48, null));
        }
        for (long seed = 0; seed < 5; seed++) {
            PrepareConfig plain = PrepareConfig.DEFAULTS.withDetectFaces(false).withSeed(seed);
            PrepareConfig ignore = plain.withSplit(plain.split().withDuplicates(DuplicateHandling.IGNORE));
            ExportPlan noCopies = planner.plan(dataset, unique, Set.of(), plain, EmptyClassPolicy.FAIL);
            ExportPlan ignored = planner.plan(dataset, withCopies, Set.of(), ignore, EmptyClassPolicy.FAIL);
            ExportPlan grouped = planner.plan(dataset, withCopies, Set.of(), plain, EmptyClassPolicy.FAIL);
            assertThat(noCopies.groups()).isEmpty();
            assertThat(ignored.splitOf()).as("ignored: the per-class split, as if there were no copies").isEqualTo(noCopies.splitOf());
            assertThat(ignored.groups()).as("the copies are still found and reported").isNotEmpty();
            assertThat(grouped.straddlingGroups()).isZero();
            for (ClassPlan c : grouped.classes()) {
                // whole groups move the share a little, never far: the largest group here has a handful of images
                assertThat(c.testShare()).as(c.name()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.08));
            }
        }
    }

    /**
     * Subjects by the group pattern and copies of one image are links of one graph: a copy across two subjects joins
     * them into one group, every file of a group carries its id, the Duplicates view's sets of copies sit inside it,
     * and only copies filed under different classes are a label conflict (one person in several classes is not).
     */
    @Test
    void subjectsAndCopiesFormOneSetOfGroups() throws Exception {
        List<String> classes = List.of("anger", "fear", "happy");
        List<Sample> samples = new ArrayList<>();
        Map<String, SourceFacts> facts = new HashMap<>();
        for (int subject = 1; subject <= 24; subject++) {
            for (int c = 0; c < classes.size(); c++) {
                String rel = classes.get(c) + String.format("/S%03d_%d.png", subject, c);
                Sample s = new Sample(classes.get(c), c, rel, Path.of(rel));
                samples.add(s);
                // S001's anger image is copied as S002's anger image: the two subjects become one group;
                // S003's fear image is copied into happy under S004: a label conflict that also joins S003 and S004
                String sha = rel.equals("anger/S002_0.png") ? "copy-a"
                        : rel.equals("anger/S001_0.png") ? "copy-a"
                        : rel.equals("fear/S003_1.png") || rel.equals("happy/S004_2.png") ? "copy-b" : "h" + rel;
                facts.put(rel, SourceFacts.readable(s, sha, 48, 48, null));
            }
        }
        Dataset dataset = new Dataset(Path.of("data"), classes, samples, List.of());
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withSeed(3)
                .withSplit(new SplitParameters(0.25, "^(S\\d+)_"));
        ExportPlan plan = planner.plan(dataset, facts, Set.of(), config, EmptyClassPolicy.FAIL);

        Map<String, Integer> groupOf = plan.groupOf();
        assertThat(groupOf).as("every file is in its subject's group").hasSize(samples.size());
        for (Sample s : samples) {
            String subject = s.fileName().substring(0, 4);
            for (Sample t : samples) {
                if (t.fileName().startsWith(subject)) assertThat(groupOf.get(t.relativePath())).isEqualTo(groupOf.get(s.relativePath()));
            }
        }
        assertThat(groupOf.get("anger/S001_0.png")).as("a copy joins two subjects").isEqualTo(groupOf.get("fear/S002_1.png"));
        assertThat(groupOf.get("fear/S003_1.png")).isEqualTo(groupOf.get("anger/S004_0.png"));
        assertThat(plan.groups()).hasSize(22).noneMatch(PlannedGroup::straddles);
        PlannedGroup joined = plan.groups().stream().filter(g -> g.members().contains("anger/S001_0.png")).findFirst().orElseThrow();
        assertThat(joined.size()).isEqualTo(6);
        assertThat(joined.kindNames()).containsExactly("exact", "pattern");
        assertThat(joined.labelConflict()).as("one file copied within a class").isFalse();
        assertThat(plan.groups()).filteredOn(PlannedGroup::labelConflict).singleElement()
                .satisfies(g -> assertThat(g.members()).contains("fear/S003_1.png", "happy/S004_2.png"));
        assertThat(plan.groups()).filteredOn(g -> g.kindNames().equals(List.of("pattern"))).hasSize(20)
                .allSatisfy(g -> assertThat(g.classes()).as("a subject in three classes").hasSize(3));

        assertThat(plan.copies()).hasSize(2).allSatisfy(c -> {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.kindNames()).containsExactly("exact");
            for (String m : c.members()) assertThat(groupOf.get(m)).isEqualTo(c.id());
        });
        assertThat(plan.labelConflictGroups()).isEqualTo(1);
        assertThat(PlanJson.groups(plan)).filteredOn(m -> m.get("id").equals(joined.id())).singleElement()
                .satisfies(m -> assertThat(m.get("kind")).isEqualTo(List.of("exact", "pattern")));
    }

    private static int rejectedIn(ExportPlan plan, ClassPlan c, String split) {
        return (int) plan.notExported().stream()
                .filter(n -> n.status().equals("rejected") && n.className().equals(c.name()) && n.split().equals(split)).count();
    }
}
