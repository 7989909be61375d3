package org.ferworkbench.ui.session;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.curation.DecisionJournal;
import org.ferworkbench.core.labels.ExpressionMapping;
import org.ferworkbench.core.labels.LabelOpinion;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.curation.ImageCheckStore;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.Workspace;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.TaskExecutor;

import java.io.IOException;
import java.nio.file.Path;
import org.ferworkbench.core.curation.SampleStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The open dataset: its images with their checks and review decisions, its workspace and its pipeline settings.
 * Mutated on the UI thread only; every change is written to the workspace on a background lane (decisions in
 * order, each forced to disk), so the UI thread never waits for the disk.
 */
public final class DatasetSession {
    public static final String JOURNAL_LANE = "journal";

    private final Dataset dataset;
    private final Workspace workspace;
    private final DecisionJournal journal;
    /** Copy-on-write: the plan reads it in the background while the review may add to it. */
    private final List<Set<String>> notDuplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Set<String>> samePerson = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ImageCheckStore checkStore;
    private final List<SampleItem> items;
    private final Map<String, SampleItem> byPath;
    private final Map<String, List<SampleItem>> byClass;
    private final List<String> warnings;
    private final ObjectProperty<PrepareConfig> config;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    /** Images per class and status (by ordinal), kept up to date as statuses change: no pass over every image. */
    private final Map<String, int[]> statusCounts = new HashMap<>();
    /** Checks and rejections also kept in concurrent collections, so background work reads them without a copy. */
    private final Map<String, ImageCheck> checks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, FaceAnalysis> analyses = new java.util.concurrent.ConcurrentHashMap<>();
    private ExpressionMapping expressions;
    private String labelMap = "";
    private org.ferworkbench.core.analysis.SourceAnalyzer analysedBy;
    private final Set<String> rejected = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ReadOnlyObjectWrapper<org.ferworkbench.core.plan.ExportPlan> plan = new ReadOnlyObjectWrapper<>();
    private TaskExecutor executor;
    private Consumer<Throwable> saveFailed = e -> { };

    private DatasetSession(Dataset dataset, Workspace workspace, DecisionJournal journal, PrepareConfig config,
                           List<String> warnings) {
        this.dataset = dataset;
        this.workspace = workspace;
        this.journal = journal;
        this.config = new SimpleObjectProperty<>(config);
        this.warnings = new ArrayList<>(warnings);
        this.expressions = ExpressionMapping.of(dataset.classNames(), null);
        try {
            String saved = workspace.readLabelMap().orElse("");
            this.expressions = ExpressionMapping.of(dataset.classNames(), saved);
            this.labelMap = saved;
        } catch (IOException | IllegalArgumentException e) {
            this.warnings.add("The saved label names could not be used (" + e.getMessage() + "); the usual names are used.");
        }
        Map<String, ReviewDecision> decisions = journal.all();
        notDuplicates.addAll(journal.groups().separated());
        samePerson.addAll(journal.groups().samePerson());
        List<SampleItem> all = new ArrayList<>(dataset.samples().size());
        Map<String, SampleItem> paths = new HashMap<>();
        Map<String, List<SampleItem>> classes = new LinkedHashMap<>();
        dataset.classNames().forEach(c -> classes.put(c, new ArrayList<>()));
        for (Sample s : dataset.samples()) {
            ReviewDecision d = decisions.get(s.relativePath());
            SampleItem item = new SampleItem(s, null, d);
            if (d != null && d.rejected()) rejected.add(s.relativePath());
            all.add(item);
            paths.put(s.relativePath(), item);
            classes.get(s.className()).add(item);
        }
        this.items = Collections.unmodifiableList(all);
        this.byPath = paths;
        classes.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.byClass = Collections.unmodifiableMap(classes);
        classes.forEach((c, list) -> {
            int[] counts = new int[SampleStatus.values().length];
            for (SampleItem i : list) counts[i.getStatus().ordinal()]++;
            statusCounts.put(c, counts);
        });
    }

    /**
     * Scans the dataset and opens its workspace and review journal (blocking: call in the background).
     *
     * @param home          per-user folder for workspaces of read-only datasets
     * @param besideAllowed whether the workspace may be created beside the dataset
     */
    public static DatasetSession open(Path root, Path home, boolean besideAllowed) throws DatasetException, IOException {
        Dataset dataset = new DatasetScanner().scan(root);
        Workspace workspace = Workspace.locate(dataset.root(), home, besideAllowed);
        List<String> warnings = new ArrayList<>();
        DecisionJournal journal = DecisionJournal.open(workspace.decisionsFile());
        warnings.addAll(journal.warnings());
        PrepareConfig config = PrepareConfig.DEFAULTS;
        try {
            config = workspace.readSettings().orElse(PrepareConfig.DEFAULTS);
        } catch (IOException e) {
            warnings.add("The saved settings could not be read (" + e.getMessage() + "); the study's defaults are used.");
        }
        return new DatasetSession(dataset, workspace, journal, config, warnings);
    }

    /** Connects the session to the executor that writes its changes (UI thread, right after opening). */
    public void attach(TaskExecutor taskExecutor, Consumer<Throwable> onSaveFailure) {
        this.executor = taskExecutor;
        this.saveFailed = onSaveFailure;
    }

    public Dataset dataset() {
        return dataset;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Path root() {
        return dataset.root();
    }

    public String name() {
        return FileNames.of(dataset.root());
    }

    public List<SampleItem> items() {
        return items;
    }

    public List<SampleItem> itemsOf(String className) {
        return byClass.getOrDefault(className, List.of());
    }

    /** How many images of the class have this status now (UI thread). */
    public int countOf(String className, SampleStatus status) {
        int[] counts = statusCounts.get(className);
        return counts == null ? 0 : counts[status.ordinal()];
    }

    /** Moves an item from the count of its old status to that of its current one. */
    private void recount(SampleItem item, SampleStatus before) {
        SampleStatus after = item.getStatus();
        if (after == before) return;
        int[] counts = statusCounts.get(item.sample().className());
        if (counts == null) return;
        counts[before.ordinal()]--;
        counts[after.ordinal()]++;
    }

    public SampleItem item(String relativePath) {
        return byPath.get(relativePath);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The cache of image checks, read on first use (by the background check, which hands the cached results to the
     * UI at once): opening a dataset does not wait for it.
     */
    public synchronized ImageCheckStore checkStore() throws IOException {
        if (checkStore == null) checkStore = ImageCheckStore.open(workspace.checksFile());
        return checkStore;
    }

    public ObjectProperty<PrepareConfig> configProperty() {
        return config;
    }

    public PrepareConfig config() {
        return config.get();
    }

    /** Increases whenever a decision or a check changes (charts and lists refresh on it). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The export's plan over what the checks know so far (the Distribution tab makes it; null until then). */
    public ReadOnlyObjectProperty<org.ferworkbench.core.plan.ExportPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public void setPlan(org.ferworkbench.core.plan.ExportPlan p) {
        plan.set(p);
    }

    /** The side of the split an image is on in the latest plan, or null when not known (yet). */
    public org.ferworkbench.core.split.SplitName getPlannedSplit(String relativePath) {
        org.ferworkbench.core.plan.ExportPlan p = plan.get();
        return p == null ? null : p.splitOf().get(relativePath);
    }

    /**
     * The identity group of an image in the latest plan (with --group identity): its id, where it went, its size and
     * some of its other images, e.g. "group 12 (test), 8 images: S010_001.png, ..."; empty when it has none.
     */
    public String getIdentityOf(String relativePath) {
        org.ferworkbench.core.plan.ExportPlan p = plan.get();
        if (p == null || !p.groupOf().containsKey(relativePath)) return "";
        for (org.ferworkbench.core.plan.PlannedGroup g : p.groups()) {
            if (!g.kinds().contains(org.ferworkbench.core.duplicates.LinkKind.IDENTITY) || !g.members().contains(relativePath)) continue;
            java.util.List<String> others = g.members().stream().filter(m -> !m.equals(relativePath)).toList();
            return "group " + g.id() + " (" + g.split() + "), " + g.size() + " images: "
                    + String.join(", ", others.subList(0, Math.min(6, others.size()))) + (others.size() > 6 ? ", …" : "");
        }
        return "";
    }

    /**
     * The copies of an image (exact or near) in the latest plan, with the id of the group they are kept in and where
     * it went ("train", "test", "dropped", "both"), e.g. "group 4 (train): anger/b.jpg, fear/c.jpg"; empty when the
     * image has no copy or the plan is not made yet.
     */
    public String getDuplicatesOf(String relativePath) {
        org.ferworkbench.core.plan.ExportPlan p = plan.get();
        if (p == null || !p.groupOf().containsKey(relativePath)) return "";
        for (org.ferworkbench.core.plan.PlannedGroup g : p.copies()) {
            if (!g.members().contains(relativePath)) continue;
            java.util.List<String> others = g.members().stream().filter(m -> !m.equals(relativePath)).toList();
            return "group " + g.id() + " (" + g.split() + (g.labelConflict() ? ", label conflict" : "") + "): "
                    + String.join(", ", others);
        }
        return "";
    }

    /**
     * Records a decision (null clears it) and returns the previous one, for undo. The item changes at once; the
     * journal line is written and forced to disk on the journal lane.
     */
    public ReviewDecision decide(SampleItem item, ReviewDecision decision) {
        ReviewDecision previous = item.decision();
        SampleStatus before = item.getStatus();
        item.setDecision(decision);
        recount(item, before);
        if (decision != null && decision.rejected()) rejected.add(item.relativePath());
        else rejected.remove(item.relativePath());
        revision.set(revision.get() + 1);
        String path = item.relativePath();
        executor.execute(BackgroundTask.run("Saving review decision", () -> {
            if (decision == null) journal.clear(path);
            else journal.record(decision);
        }).lane(JOURNAL_LANE).onFailure(saveFailed));
        return previous;
    }

    /**
     * Records several decisions at once (a null decision clears the image's), in this order, and returns the previous
     * ones by item, for undo. The items change at once; the journal lines are written together, with one force to
     * disk, on the journal lane.
     */
    public Map<SampleItem, ReviewDecision> decideAll(Map<SampleItem, ReviewDecision> changes) {
        Map<SampleItem, ReviewDecision> previous = new LinkedHashMap<>();
        Map<String, ReviewDecision> lines = new LinkedHashMap<>();
        changes.forEach((item, decision) -> {
            previous.put(item, item.decision());
            SampleStatus before = item.getStatus();
            item.setDecision(decision);
            recount(item, before);
            if (decision != null && decision.rejected()) rejected.add(item.relativePath());
            else rejected.remove(item.relativePath());
            lines.put(item.relativePath(), decision);
        });
        if (lines.isEmpty()) return previous;
        revision.set(revision.get() + 1);
        executor.execute(BackgroundTask.run("Saving review decisions", () -> journal.recordAll(lines))
                .lane(JOURNAL_LANE).onFailure(saveFailed));
        return previous;
    }

    /** Applies check results (UI thread). */
    public void applyChecks(List<ImageCheck> batch) {
        for (ImageCheck c : batch) {
            SampleItem item = byPath.get(c.relativePath());
            if (item != null) {
                SampleStatus before = item.getStatus();
                item.setCheck(c);
                recount(item, before);
                checks.put(c.relativePath(), c);
            }
        }
        revision.set(revision.get() + 1);
    }

    /**
     * Applies face analyses (UI thread): each image's expression opinion on its label, and, live for the planner,
     * its descriptor for identity groups. A disputed label makes an image one the review steps through.
     */
    public void applyAnalyses(Map<String, FaceAnalysis> batch) {
        for (Map.Entry<String, FaceAnalysis> e : batch.entrySet()) {
            SampleItem item = byPath.get(e.getKey());
            if (item == null) continue;
            analyses.put(e.getKey(), e.getValue());
            SampleStatus before = item.getStatus();
            item.setOpinion(LabelOpinion.of(item.sample().className(), e.getValue().expressions(), expressions));
            recount(item, before);
        }
        revision.set(revision.get() + 1);
    }

    /** The analyser whose results {@link #analysesView()} holds (UI thread), or null. */
    public org.ferworkbench.core.analysis.SourceAnalyzer analysedBy() {
        return analysedBy;
    }

    public void setAnalysedBy(org.ferworkbench.core.analysis.SourceAnalyzer a) {
        analysedBy = a;
    }

    /** Forgets the analyses (UI thread): the face they were made of changed; the checks bring the new ones. */
    public void clearAnalyses() {
        for (String path : analyses.keySet()) {
            SampleItem item = byPath.get(path);
            SampleStatus before = item.getStatus();
            item.setOpinion(null);
            recount(item, before);
        }
        analyses.clear();
        revision.set(revision.get() + 1);
    }

    /** The face analyses by path, live (safe to read from any thread). */
    public Map<String, FaceAnalysis> analysesView() {
        return Collections.unmodifiableMap(analyses);
    }

    /** Which expression of the net each class folder stands for (their usual names, and the user's label map). */
    public ExpressionMapping expressionMapping() {
        return expressions;
    }

    /** The user's label map ("class=expression" pairs, as {@code stats --label-map}); empty for the usual names. */
    public String labelMap() {
        return labelMap;
    }

    /**
     * Sets the label map (UI thread): every analysed image's opinion is made again with it, and it is saved with the
     * workspace in the background.
     *
     * @throws IllegalArgumentException when a pair names no class or no expression (nothing changes then)
     */
    public void setLabelMap(String pairs) {
        String text = pairs == null ? "" : pairs.trim();
        ExpressionMapping mapping = ExpressionMapping.of(dataset.classNames(), text);
        expressions = mapping;
        labelMap = text;
        for (Map.Entry<String, FaceAnalysis> e : analyses.entrySet()) {
            SampleItem item = byPath.get(e.getKey());
            SampleStatus before = item.getStatus();
            item.setOpinion(LabelOpinion.of(item.sample().className(), e.getValue().expressions(), mapping));
            recount(item, before);
        }
        revision.set(revision.get() + 1);
        executor.execute(BackgroundTask.run("Saving label names", () -> workspace.writeLabelMap(text))
                .lane(JOURNAL_LANE).onFailure(saveFailed));
    }

    /** The sets of images the review said are not duplicates of one another, as they are now. */
    public List<Set<String>> notDuplicates() {
        return List.copyOf(notDuplicates);
    }

    /** The review's decisions on groups as they are now: what the plan and the export apply. */
    public org.ferworkbench.core.plan.GroupDecisions groupDecisions() {
        return new org.ferworkbench.core.plan.GroupDecisions(List.copyOf(notDuplicates), List.copyOf(samePerson));
    }

    /**
     * Records that the images show one person (or, with {@code same} false, takes that back): the plan joins their
     * identities at once; the journal line is written on the journal lane.
     */
    public void setSamePerson(Set<String> paths, boolean same) {
        decideOnGroup(samePerson, Set.copyOf(paths), same, journal::recordSamePerson, journal::clearSamePerson);
    }

    /**
     * Records that the images are not duplicates of one another (or, with {@code separate} false, takes that back):
     * the plan regroups them at once; the journal line is written on the journal lane.
     */
    public void setNotDuplicates(Set<String> paths, boolean separate) {
        decideOnGroup(notDuplicates, Set.copyOf(paths), separate, journal::recordNotDuplicates, journal::clearNotDuplicates);
    }

    private interface JournalWrite {
        void write(Set<String> set) throws IOException;
    }

    private void decideOnGroup(List<Set<String>> sets, Set<String> set, boolean add, JournalWrite record, JournalWrite clear) {
        if (add) sets.add(set);
        else sets.remove(set);
        revision.set(revision.get() + 1);
        executor.execute(BackgroundTask.run("Saving review decision", () -> (add ? record : clear).write(set))
                .lane(JOURNAL_LANE).onFailure(saveFailed));
    }

    /** Relative paths rejected in review, as they are now: what the export leaves out. */
    public Set<String> rejectedPaths() {
        return new TreeSet<>(rejected);
    }

    /** The rejections, live (safe to read from any thread; for estimates that are redone on every change). */
    public Set<String> rejectedView() {
        return Collections.unmodifiableSet(rejected);
    }

    /** The checks by path, live (safe to read from any thread; for estimates that are redone on every change). */
    public Map<String, ImageCheck> checksView() {
        return Collections.unmodifiableMap(checks);
    }

    /** Saves the settings with the workspace, in the background. */
    public void saveSettings(PrepareConfig c) {
        executor.execute(BackgroundTask.run("Saving settings", () -> workspace.writeSettings(c))
                .lane(JOURNAL_LANE).onFailure(saveFailed));
    }

    /** Closes the workspace files once pending writes are done. */
    public void close() {
        if (executor == null) {
            try {
                closeFiles();
            } catch (IOException e) {
                saveFailed.accept(e);
            }
            return;
        }
        executor.execute(BackgroundTask.run("Closing workspace", this::closeFiles).lane(JOURNAL_LANE).onFailure(e -> { }));
    }

    private void closeFiles() throws IOException {
        try {
            journal.close();
        } finally {
            synchronized (this) {
                if (checkStore != null) checkStore.close();
            }
        }
    }
}
