package org.ferworkbench.core.plan;

import org.ferworkbench.core.facestage.FaceSelection;

import org.ferworkbench.core.balance.BalancePlan;
import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.balance.ClassBalance;
import org.ferworkbench.core.balance.PlannedImage;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.duplicates.DuplicateCandidate;
import org.ferworkbench.core.duplicates.DuplicateFinder;
import org.ferworkbench.core.duplicates.DuplicateGroup;
import org.ferworkbench.core.duplicates.DuplicateGroups;
import org.ferworkbench.core.duplicates.Separations;
import org.ferworkbench.core.facestage.FaceVerdict;
import org.ferworkbench.core.identity.IdentityClusters;
import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.LabelConflicts;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.split.SubjectPattern;
import org.ferworkbench.core.split.DatasetSplit;
import org.ferworkbench.core.split.StratifiedSplitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans an export from what is known of its sources: no I/O, no threads, the same inputs give the same plan. The
 * steps, in the study's order: unreadable files out; groups of duplicate images found (exact and near copies, see
 * {@link DuplicateFinder}; with label conflicts dropped, a group spanning classes goes out); a class with no usable
 * image stops the plan (or is left out on request); stratified split of the usable images, each duplicate group
 * on one side unless duplicates are ignored; review rejections out (after the split, so a rejection never
 * moves another image between train and test); with detection on, the face policy of each side drops the images
 * without the face it wants (train before balancing, so copies are planned over sources that have a face); then
 * balancing plans the train copies.
 */
public final class ExportPlanner {
    private final StratifiedSplitter splitter;
    private final BalancePlanner balancer;

    public ExportPlanner(StratifiedSplitter splitter, BalancePlanner balancer) {
        this.splitter = splitter;
        this.balancer = balancer;
    }

    public ExportPlanner() {
        this(new StratifiedSplitter(), new BalancePlanner());
    }

    /**
     * @param facts    what is known of each sample, by relative path (a sample without facts is unchecked)
     * @param rejected relative paths rejected in review
     * @throws DatasetException when the dataset cannot be exported as set (a class too small to split, a class with
     *                          no usable image, a class whose train side keeps no face): one sentence naming the class
     */
    public ExportPlan plan(Dataset dataset, Map<String, SourceFacts> facts, Set<String> rejected, PrepareConfig config,
                           EmptyClassPolicy emptyClasses) throws DatasetException {
        return plan(dataset, facts, rejected, GroupDecisions.NONE, config, emptyClasses);
    }

    /**
     * @param decisions a reviewer's decisions on groups: separated images are not grouped by near links
     *                  ({@link Separations}) and leave their identities; images said to be one person join
     *                  ({@link IdentityClusters#withDecisions})
     */
    public ExportPlan plan(Dataset dataset, Map<String, SourceFacts> facts, Set<String> rejected, GroupDecisions decisions,
                           PrepareConfig config, EmptyClassPolicy emptyClasses) throws DatasetException {
        List<SourceFacts> usable = new ArrayList<>();
        List<NotExported> notExported = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            SourceFacts f = facts.get(s.relativePath());
            if (f == null) f = SourceFacts.unchecked(s);
            else if (f.sample() != s) f = f.withSample(s);
            if (f.usable()) {
                usable.add(f);
            } else {
                notExported.add(new NotExported("", s.label(), s.className(), s.relativePath(), null, "unreadable",
                        f.unreadableReason(), -1, null));
            }
        }
        // groups are found among every readable image: a group whose files are all left out is still listed ("dropped")
        List<Sample> readable = usable.stream().map(SourceFacts::sample).toList();
        Map<String, DuplicateCandidate> candidates = new LinkedHashMap<>();
        for (SourceFacts f : usable) {
            candidates.put(f.sample().relativePath(),
                    new DuplicateCandidate(f.sample().relativePath(), f.sample().className(), f.sha256(), f.fingerprint()));
        }
        DuplicateGroups duplicates = Separations.apply(groups(List.copyOf(candidates.values()), config.split().nearDistance()),
                decisions.separated(), candidates, config.split().nearDistance());
        Set<String> conflicted = new HashSet<>();
        if (config.split().labelConflicts() == LabelConflicts.DROP) {
            for (DuplicateGroup g : duplicates.groups()) if (g.labelConflict()) conflicted.addAll(g.members());
            List<SourceFacts> kept = new ArrayList<>(usable.size());
            for (SourceFacts f : usable) {
                if (!conflicted.contains(f.sample().relativePath())) {
                    kept.add(f);
                    continue;
                }
                Sample s = f.sample();
                DuplicateGroup g = duplicates.groupOf(s.relativePath());
                notExported.add(new NotExported("", s.label(), s.className(), s.relativePath(), f.sha256(), "dropped",
                        "label conflict: duplicates in " + String.join(", ", g.classes()), -1, null));
            }
            usable = kept;
        }
        List<String> notes = new ArrayList<>();
        EmptyClasses empty = EmptyClasses.find(dataset, usable, notExported, rejected);
        if (!empty.classes().isEmpty()) {
            if (emptyClasses == EmptyClassPolicy.FAIL) throw empty.failure();
            notes.add(empty.describe());
            dataset = empty.leaveOut(dataset);
            usable = empty.leaveOut(usable, dataset);
            notExported = new ArrayList<>(empty.leaveOutUnreadable(notExported, dataset));
        }
        for (SkippedFile f : dataset.skipped()) {
            notExported.add(new NotExported("", -1, "", f.relativePath(), null, "skipped", f.reason(), -1, null));
        }

        Counts counts = new Counts(dataset);
        for (Sample s : dataset.samples()) counts.of(s).original++;
        for (NotExported n : notExported) {
            if (n.status().equals("unreadable")) counts.of(n.className()).unreadable++;
            else if (conflicted.contains(n.relativePath())) counts.of(n.className()).labelConflicts++;
        }
        for (DuplicateGroup g : duplicates.groups()) {
            for (String m : g.members()) {
                Counts.Of c = counts.of(candidates.get(m).className());
                if (c != null && !conflicted.contains(m)) c.inDuplicateGroups++;
            }
        }
        for (SourceFacts f : usable) {
            // not read yet, or (detection on) read but not searched for faces yet: planned as if fine
            boolean faceUnknown = config.detectFaces() && f.faces() == null;
            if (f.status() == SourceFacts.Status.UNCHECKED || faceUnknown) counts.of(f.sample()).unchecked++;
        }

        GroupLinks links = new GroupLinks(readable)
                .subjects(SubjectPattern.of(config.split()), readable)
                .duplicates(duplicates, config.split().duplicates() == DuplicateHandling.GROUP);
        if (config.split().needsIdentities()) {
            List<IdentityClusters.Face> faces = new ArrayList<>();
            int undescribed = 0;
            for (SourceFacts f : usable) {
                if (f.descriptor() != null) faces.add(new IdentityClusters.Face(f.sample().relativePath(), f.descriptor()));
                else if (f.status() == SourceFacts.Status.READABLE) undescribed++;
            }
            // the reviewer's separations ("not this person") apply to identities as to near copies; "same person" joins
            List<IdentityClusters.Identity> found;
            try {
                found = identities(faces, config.split().identityThreshold());
            } catch (IllegalArgumentException e) {
                throw new DatasetException(e.getMessage());
            }
            links.identities(IdentityClusters.withDecisions(found, decisions.separated(), decisions.samePerson()));
            if (undescribed > 0) {
                notes.add(undescribed + " image(s) without a face to describe: not grouped by identity");
            }
        }
        DatasetSplit<SourceFacts> split = splitter.split(usable, SourceFacts::sample,
                f -> links.keysOf(f.sample().relativePath()), config.seed(), config.split());
        notes.addAll(split.notes());
        if (links.unmatched() > 0) {
            notes.add(links.unmatched() + " file name(s) did not match the group pattern; each is its own group");
        }
        Map<String, SplitName> splitOf = new HashMap<>();
        List<SourceFacts> train = keepAccepted(split.train(), SplitName.TRAIN, rejected, counts, notExported, splitOf);
        List<SourceFacts> test = keepAccepted(split.test(), SplitName.TEST, rejected, counts, notExported, splitOf);
        List<NotExported> droppedTest = new ArrayList<>();
        if (config.detectFaces()) {
            train = keepFaces(train, SplitName.TRAIN, config, counts, notExported);
            requireTrainImages(dataset, train, counts);
            test = keepFaces(test, SplitName.TEST, config, counts, droppedTest);
        }

        BalancePlan<SourceFacts> balance = balancer.plan(train, SourceFacts::sample, config.seed(), config.balance());
        for (ClassBalance b : balance.classes()) {
            Counts.Of c = counts.of(b.className());
            c.trainOriginals = b.originalsKept();
            c.copies = b.copies();
        }
        markSubsampled(train, balance, notExported);
        notExported.addAll(droppedTest);

        List<PlannedJob> jobs = new ArrayList<>(balance.images().size() + test.size());
        Map<String, List<SourceFacts>> growing = new HashMap<>();
        for (SourceFacts s : train) growing.computeIfAbsent(s.sample().className(), k -> new ArrayList<>()).add(s);
        // one immutable pool per class, shared by all its copies: a copy of the pool per copy made the plan quadratic
        // (FER2013: 10,000 copies x 5,000 sources, 400 MB of references, and as many lookups to render them)
        Map<String, List<SourceFacts>> pools = new HashMap<>();
        growing.forEach((cls, members) -> pools.put(cls, List.copyOf(members)));
        for (PlannedImage<SourceFacts> p : balance.images()) {
            SourceFacts s = p.source();
            jobs.add(p.isCopy() ? new PlannedJob(SplitName.TRAIN, s, p.copyIndex(), pools.get(s.sample().className()))
                    : new PlannedJob(SplitName.TRAIN, s, -1, List.of(s)));
        }
        for (SourceFacts s : test) {
            jobs.add(new PlannedJob(SplitName.TEST, s, -1, List.of(s)));
            counts.of(s.sample()).finalTest++;
        }
        GroupLinks.Groups groups = links.groups(splitOf);
        return new ExportPlan(dataset, counts.classes(), jobs, notExported, notes, counts.total(c -> c.unchecked), splitOf,
                groups.groups(), GroupLinks.copies(duplicates, groups.groupOf(), splitOf), groups.groupOf(), config.split());
    }

    /**
     * What can be said of a dataset whose export cannot be planned as set (see {@link #plan}'s exception): files found,
     * unreadable and unchecked per class, nothing split. The app shows it beside the reason.
     */
    public static ExportPlan countsOnly(Dataset dataset, Map<String, SourceFacts> facts, PrepareConfig config) {
        Counts counts = new Counts(dataset);
        for (Sample s : dataset.samples()) {
            Counts.Of c = counts.of(s);
            c.original++;
            SourceFacts f = facts.get(s.relativePath());
            if (f == null || f.status() == SourceFacts.Status.UNCHECKED) c.unchecked++;
            else if (!f.usable()) c.unreadable++;
        }
        return new ExportPlan(dataset, counts.classes(), List.of(), List.of(), List.of(), counts.total(c -> c.unchecked), Map.of(),
                List.of(), List.of(), Map.of(), config.split());
    }

    /** The last identities and what they were found from. */
    private record Clustering(List<IdentityClusters.Face> faces, double threshold, List<IdentityClusters.Identity> identities) { }

    private volatile Clustering lastClustering;

    /** The identities of the faces, clustered again only when they changed (as {@link #groups}). */
    private List<IdentityClusters.Identity> identities(List<IdentityClusters.Face> faces, double threshold) {
        Clustering last = lastClustering;
        if (last != null && last.threshold() == threshold && last.faces().equals(faces)) return last.identities();
        List<IdentityClusters.Identity> identities = new IdentityClusters(threshold).cluster(faces);
        lastClustering = new Clustering(List.copyOf(faces), threshold, identities);
        return identities;
    }

    /** The last grouping and what it was found from. */
    private record Grouping(List<DuplicateCandidate> candidates, int nearDistance, DuplicateGroups groups) { }

    private volatile Grouping lastGrouping;

    /**
     * The duplicate groups of the candidates, found again only when they changed: the app plans again after every
     * review decision and settings change, which leave the sources as they were, and the search over 35,000 images
     * takes the better part of a second. The result depends on the inputs only, so the plan stays a function of them.
     */
    private DuplicateGroups groups(List<DuplicateCandidate> candidates, int nearDistance) {
        Grouping last = lastGrouping;
        if (last != null && last.nearDistance() == nearDistance && last.candidates().equals(candidates)) return last.groups();
        DuplicateGroups groups = new DuplicateFinder(nearDistance).find(candidates);
        lastGrouping = new Grouping(candidates, nearDistance, groups);
        return groups;
    }

    private static List<SourceFacts> keepAccepted(List<SourceFacts> side, SplitName split, Set<String> rejected, Counts counts,
                                                  List<NotExported> notExported, Map<String, SplitName> splitOf) {
        List<SourceFacts> kept = new ArrayList<>(side.size());
        for (SourceFacts f : side) {
            Sample s = f.sample();
            Counts.Of c = counts.of(s);
            splitOf.put(s.relativePath(), split);
            if (split == SplitName.TRAIN) c.trainSplit++; else c.testSplit++;
            if (rejected.contains(s.relativePath())) {
                c.rejected++;
                notExported.add(new NotExported(split.id(), s.label(), s.className(), s.relativePath(), f.sha256(), "rejected",
                        "rejected in review", -1, null));
            } else {
                kept.add(f);
            }
        }
        return kept;
    }

    /** The side's face policy on each image whose faces are known; images not checked yet are assumed to pass. */
    private static List<SourceFacts> keepFaces(List<SourceFacts> side, SplitName split, PrepareConfig config, Counts counts,
                                               List<NotExported> dropped) {
        List<SourceFacts> kept = new ArrayList<>(side.size());
        for (SourceFacts f : side) {
            if (f.faces() == null) {
                kept.add(f);
                continue;
            }
            FaceVerdict v = FaceSelection.select(f.width(), f.height(), f.faces(), config.face().policy(split),
                    config.face().minProbability());
            if (v.accepted()) {
                kept.add(f);
                if (v.wholeImage() && split == SplitName.TEST) counts.of(f.sample()).wholeImageTest++;
            } else {
                Sample s = f.sample();
                Counts.Of c = counts.of(s);
                (split == SplitName.TRAIN ? c.droppedTrain : c.droppedTest).merge(v.reason(), 1, Integer::sum);
                dropped.add(new NotExported(split.id(), s.label(), s.className(), s.relativePath(), f.sha256(), "dropped",
                        v.reason(), v.faceCount(), v.chosen()));
            }
        }
        return kept;
    }

    /**
     * A class whose train side keeps no image (every one dropped by the face policy) has nothing to train on, and
     * balancing cannot copy from no source: stop and say which class and why.
     */
    private static void requireTrainImages(Dataset dataset, List<SourceFacts> train, Counts counts) throws DatasetException {
        Set<String> withTrain = new HashSet<>();
        for (SourceFacts s : train) withTrain.add(s.sample().className());
        for (String c : dataset.classNames()) {
            if (withTrain.contains(c)) continue;
            Counts.Of r = counts.of(c);
            throw new DatasetException("Class '" + c + "' has no train image left to export (" + r.trainSplit + " in the train split, "
                    + r.rejected + " of the class rejected in review, dropped by the face stage: " + new TreeMap<>(r.droppedTrain)
                    + "); choose --train-faces largest, lower --min-face, or --no-detect for already cropped images");
        }
    }

    private static void markSubsampled(List<SourceFacts> train, BalancePlan<SourceFacts> plan, List<NotExported> notExported) {
        Set<SourceFacts> kept = new HashSet<>();
        for (PlannedImage<SourceFacts> p : plan.images()) if (!p.isCopy()) kept.add(p.source());
        for (SourceFacts f : train) {
            if (!kept.contains(f)) {
                Sample s = f.sample();
                notExported.add(new NotExported("train", s.label(), s.className(), s.relativePath(), f.sha256(), "not used",
                        "left out to meet the balance target of " + plan.target(), -1, null));
            }
        }
    }

    /** Per-class counters while planning, turned into {@link ClassPlan} values at the end. */
    private static final class Counts {
        static final class Of {
            int original, unreadable, unchecked, trainSplit, testSplit, rejected, trainOriginals, copies, finalTest,
                    inDuplicateGroups, labelConflicts, wholeImageTest;
            final Map<String, Integer> droppedTrain = new TreeMap<>();
            final Map<String, Integer> droppedTest = new TreeMap<>();
        }

        private final Map<String, Of> byClass = new LinkedHashMap<>();

        Counts(Dataset dataset) {
            dataset.classNames().forEach(c -> byClass.put(c, new Of()));
        }

        Of of(String className) {
            return className == null ? null : byClass.get(className);
        }

        Of of(Sample s) {
            return byClass.get(s.className());
        }

        int total(java.util.function.ToIntFunction<Of> f) {
            return byClass.values().stream().mapToInt(f).sum();
        }

        List<ClassPlan> classes() {
            List<ClassPlan> out = new ArrayList<>();
            int label = 0;
            for (Map.Entry<String, Of> e : byClass.entrySet()) {
                Of c = e.getValue();
                out.add(new ClassPlan(e.getKey(), label++, c.original, c.unreadable, c.unchecked, c.trainSplit, c.testSplit,
                        c.rejected, c.droppedTrain, c.droppedTest, c.trainOriginals + c.copies, c.trainOriginals, c.copies,
                        c.trainOriginals + c.copies, c.finalTest, c.inDuplicateGroups, c.labelConflicts,
                        c.wholeImageTest));
            }
            return out;
        }
    }
}
