package org.ferworkbench.ui.export;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.export.ExportFolder;
import org.ferworkbench.core.export.OutputFolderRule;
import org.ferworkbench.core.export.OutputRefusedException;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.FolderOpening;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.session.DatasetSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One-click export of the open dataset with the session's settings and review rejections: the folder is chosen
 * once (remembered per dataset), then the pipeline runs in the background with per-stage progress, rate and time
 * left, and can be cancelled (the pipeline then leaves nothing behind). At the end: a per-class summary and the
 * output folder to open.
 */
public final class ExportViewModel {
    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final PipelineFactory pipelines;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UiPreferences preferences;
    private final Runnable savePreferences;
    private final int threads;
    private final org.ferworkbench.ui.face.FacePreviewService faces;

    private final ObjectProperty<Path> parentFolder = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Path> target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    /** While the destination is looked at on a worker (see {@link #checkDestination}). */
    private final ReadOnlyBooleanWrapper checkingFolder = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper exportBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ObservableList<StageRow> stages = FXCollections.observableArrayList();
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<AugmentationRow> augmentation = FXCollections.observableArrayList();
    private final ObservableList<String> notUsed = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notUsedTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PrepareReport> report = new ReadOnlyObjectWrapper<>();
    private final Map<String, StageRow> stageRows = new LinkedHashMap<>();
    private TaskHandle handle = TaskHandle.DONE;
    /** What to do once the running export has stopped (closing the window after the user cancelled it to quit). */
    private Runnable afterStop;

    /**
     * @param settingsProblem why the settings on screen cannot be exported (empty when they can): the Settings form's
     *                        {@code exportBlockedReason}; the session keeps the last valid settings, but an export
     *                        never uses settings other than those shown
     */
    public ExportViewModel(ReadOnlyObjectProperty<DatasetSession> session, PipelineFactory pipelines, TaskExecutor executor,
                           DialogService dialogs, UiPreferences preferences, Runnable savePreferences, int threads,
                           org.ferworkbench.ui.face.FacePreviewService faces, ObservableStringValue settingsProblem) {
        this.faces = faces;
        this.session = session;
        this.pipelines = pipelines;
        this.executor = executor;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.savePreferences = savePreferences;
        this.threads = threads;
        session.addListener((o, a, b) -> {
            String remembered = b == null ? null : preferences.exportFolders.get(b.root().toString());
            parentFolder.set(remembered == null ? null : UiPreferences.savedPath(remembered));
            report.set(null);
            summary.clear();
            augmentation.clear();
        clearNotUsed();
            clearNotUsed();
            stages.clear();
            result.set("");
        });
        parentFolder.addListener((o, a, b) -> updateTarget());
        session.addListener((o, a, b) -> updateTarget());
        exportBlockedReason.bind(settingsProblem);
        canExport.bind(session.isNotNull().and(running.not()).and(checkingFolder.not()).and(exportBlockedReason.isEmpty()));
    }

    private void updateTarget() {
        DatasetSession s = session.get();
        Path parent = parentFolder.get();
        if (s == null || parent == null) {
            target.set(null);
            return;
        }
        checkDestination(s, parent, d -> {
            if (parent.equals(parentFolder.get())) target.set(d.folder());
        });
    }

    /** Where an export goes inside {@code parent}, whether it replaces an earlier export, and why it may not (if so). */
    record Destination(Path parent, Path folder, boolean replaces, java.util.Optional<String> refusal) { }

    /** Finds the destination; lists folders (an earlier export's too), so never on the FX thread. */
    static Destination destination(DatasetSession s, Path parent) {
        Path out = targetFor(parent, s.name());
        boolean replaces = ExportFolder.isExport(out);
        return new Destination(parent, out, replaces, refusal(s, out, replaces));
    }

    /**
     * Finds the destination in {@code parent} on a worker and hands it to {@code then} on the FX thread, unless the
     * dataset changed meanwhile. Export is disabled while this runs.
     */
    private void checkDestination(DatasetSession s, Path parent, java.util.function.Consumer<Destination> then) {
        checkDestination(s, parent, then, () -> { });
    }

    /** As above; {@code failed} runs when {@code then} will not: the folder could not be looked at, or the dataset changed. */
    private void checkDestination(DatasetSession s, Path parent, java.util.function.Consumer<Destination> then,
                                  Runnable failed) {
        checkingFolder.set(true);
        executor.execute(BackgroundTask.of("Checking the export folder", ctx -> destination(s, parent))
                .onSuccess(d -> {
                    checkingFolder.set(false);
                    if (session.get() == s) then.accept(d);
                    else failed.run();
                })
                .onFailure(e -> {
                    checkingFolder.set(false);
                    dialogs.showError("Cannot check the export folder", ErrorMessages.friendly(e), e);
                    failed.run();
                }));
    }

    /**
     * The export folder inside the chosen parent: {@code <dataset>-export}, replaced by later exports (asked first);
     * a folder of that name that is not an export is never touched ({@code -export-2} and so on instead).
     */
    static Path targetFor(Path parent, String datasetName) {
        // the dataset's display name written as UTF-8: resolve() would throw for it under a C/POSIX locale
        Path p = FileNames.child(parent, datasetName + "-export");
        for (int n = 2; Files.exists(p) && !ExportFolder.isExport(p); n++) p = FileNames.child(parent, datasetName + "-export-" + n);
        return p;
    }

    /** What an export of the session must stay clear of besides the dataset: its workspace (decisions, settings). */
    private static List<OutputFolderRule.Kept> kept(DatasetSession s) {
        return List.of(new OutputFolderRule.Kept("the review workspace", s.workspace().folder()));
    }

    /** The core's output rule for an export of the session to {@code out}: empty when allowed, else the reason. */
    private static java.util.Optional<String> refusal(DatasetSession s, Path out, boolean replace) {
        try {
            OutputFolderRule.check(out, replace, PrepareRequest.keptPaths(s.root(), kept(s)));
            return java.util.Optional.empty();
        } catch (OutputRefusedException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** Asks for the folder the exports go into (once per dataset; "Change…" asks again). */
    public void chooseFolder() {
        chooseFolder(() -> { });
    }

    /** As above; {@code then} runs once a folder an export may go to was chosen (not when refused or dismissed). */
    private void chooseFolder(Runnable then) {
        DatasetSession s = session.get();
        if (s == null) return;
        Path initial = parentFolder.get() != null ? parentFolder.get() : s.root().getParent();
        var chosen = dialogs.chooseDirectory("Choose where exports of " + s.name() + " are written", initial);
        if (chosen.isEmpty()) return;
        checkDestination(s, chosen.get(), d -> {
            if (d.refusal().isPresent()) {
                dialogs.showError("Choose another folder", d.refusal().get(), null);
                return;
            }
            parentFolder.set(d.parent());
            preferences.exportFolders.put(s.root().toString(), d.parent().toString());
            savePreferences.run();
            then.run();
        });
    }

    /** Starts the export (asks for the folder the first time, and before replacing an earlier export). */
    public void start() {
        DatasetSession s = session.get();
        if (!canExport.get()) return;
        if (s.config().detectFaces() && faces.state() == org.ferworkbench.ui.face.FacePreviewService.State.UNAVAILABLE) {
            // say it now, not after the pipeline has read every image
            dialogs.showError("Face detection is not available", faces.stateMessage()
                    + ". Switch off \"Detect faces\" in the settings to export whole images (for already cropped datasets).", null);
            return;
        }
        if (parentFolder.get() == null) {
            chooseFolder(this::startInChosenFolder);
        } else {
            startInChosenFolder();
        }
    }

    /** Checks the destination again (the folder may have changed on disk since it was chosen), asks, then exports. */
    private void startInChosenFolder() {
        DatasetSession s = session.get();
        // running from here: the check is the export's first step (Change… and Export wait for it)
        running.set(true);
        result.set("Checking the export folder…");
        Runnable giveUp = () -> {
            running.set(false);
            result.set("");
        };
        checkDestination(s, parentFolder.get(), d -> {
            target.set(d.folder());
            if (d.refusal().isPresent()) {
                giveUp.run();
                dialogs.showError("Cannot export there", d.refusal().get(), null);
                return;
            }
            if (d.replaces() && !dialogs.confirm("Replace the earlier export?", "The folder " + d.folder()
                    + " holds an earlier export. It is replaced only once the new export is complete.", "Replace")) {
                giveUp.run();
                return;
            }
            export(s, d);
        }, giveUp);
    }

    private void export(DatasetSession s, Destination d) {
        Path out = d.folder();
        boolean overwrite = d.replaces();
        PrepareConfig config = s.config();
        Set<String> rejected = s.rejectedPaths();
        PrepareRequest request = new PrepareRequest(s.root(), out, overwrite, config, threads, rejected, kept(s),
                org.ferworkbench.core.plan.EmptyClassPolicy.FAIL).withGroups(s.groupDecisions());
        stageRows.clear();
        stages.clear();
        summary.clear();
        augmentation.clear();
        report.set(null);
        progress.set(0);
        rate.set("");
        timeLeft.set("");
        result.set("Starting…");
        running.set(true);
        handle = executor.execute(BackgroundTask.of("Exporting",
                        ctx -> pipelines.create(config).run(request, ctx.progress(), ctx.cancellation()))
                .onProgress(this::onProgress)
                .onSuccess(this::finished)
                .onCancelled(() -> {
                    markStagesStopped();
                    result.set("Export cancelled; nothing was written.");
                })
                .onFailure(e -> {
                    markStagesStopped();
                    result.set("Export failed: " + ErrorMessages.friendly(e));
                    dialogs.showError("Export failed", ErrorMessages.friendly(e), e);
                })
                .onFinally(() -> {
                    running.set(false);
                    Runnable then = afterStop;
                    afterStop = null;
                    if (then != null) then.run();
                }));
    }

    /**
     * Whether the window may close now. During an export it asks first; if the user cancels the export, the export
     * stops and cleans up (its staging folder removed, an earlier export untouched) and then {@code closeWhenStopped}
     * runs. Returns false while that is under way, or when the user keeps the export running.
     */
    public boolean requestClose(Runnable closeWhenStopped) {
        if (!running.get()) return true;
        if (!dialogs.confirm("An export is running", "Quitting cancels the export to " + target.get() + ". Its unfinished "
                + "files are removed; an earlier export in that folder stays as it was.", "Stop Export and Quit")) {
            return false;
        }
        afterStop = closeWhenStopped;
        cancel();
        return false;
    }

    /**
     * Cleans up after exports that were killed before they could (their staging folders, an earlier export left
     * swapped out) in the folders this user exported to, in the background; each thing done is handed to
     * {@code notice} as a sentence (e.g. for the status bar).
     */
    public void cleanUpInterruptedExports(java.util.function.Consumer<String> notice) {
        List<Path> folders = preferences.exportFolders.values().stream().distinct().map(Path::of).toList();
        executor.execute(BackgroundTask.of("Cleaning up interrupted exports", ctx -> {
                    List<String> done = new ArrayList<>();
                    for (Path folder : folders) done.addAll(StagedFolder.cleanUpInterruptedRunsIn(folder));
                    return done;
                })
                .onSuccess(done -> done.forEach(notice))
                .onFailure(e -> notice.accept("Could not clean up after an interrupted export: " + ErrorMessages.friendly(e))));
    }

    private void onProgress(ProgressEvent e) {
        for (Map.Entry<String, StageRow> r : stageRows.entrySet()) {
            if (!r.getKey().equals(e.stage()) && !r.getValue().done()) {
                r.setValue(new StageRow(r.getKey(), 1, r.getValue().detail(), true));
            }
        }
        String detail = String.format("%,d / %,d", e.done(), e.total());
        stageRows.put(e.stage(), new StageRow(e.stage(), e.fraction(), detail, e.finished()));
        stages.setAll(stageRows.values());
        progress.set(e.fraction());
        rate.set(e.ratePerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f images/s", e.ratePerSecond()) : "");
        timeLeft.set(e.secondsLeft() >= 0 ? formatDuration(e.secondsLeft()) + " left" : "");
        result.set(e.stage() + "…");
    }

    private void markStagesStopped() {
        stages.setAll(stageRows.values());
        progress.set(0);
        rate.set("");
        timeLeft.set("");
    }

    private void finished(PrepareReport r) {
        stageRows.replaceAll((k, v) -> new StageRow(k, 1, v.detail(), true));
        stages.setAll(stageRows.values());
        progress.set(1);
        timeLeft.set("");
        List<SummaryRow> rows = new ArrayList<>();
        for (ClassReport c : r.classes()) {
            rows.add(new SummaryRow(c.className, c.found, c.unreadable, c.rejected, c.plannedCopies, c.exportedTrain, c.exportedTest,
                    c.droppedTotal(), c.wholeImageTest));
        }
        summary.setAll(rows);
        List<AugmentationRow> augmented = new ArrayList<>();
        for (ClassReport c : r.classes()) {
            if (c.augmentation.drawnCount() > 0) augmented.add(AugmentationRow.of(c.className, c.augmentation));
        }
        augmentation.setAll(augmented);
        showNotUsed(r.skipped());
        result.set(String.format(Locale.ROOT, "Exported %,d train and %,d test images in %s to %s", r.exportedTrain(),
                r.exportedTest(), formatDuration(r.seconds()), r.output()));
        // last: whoever waits for the report finds the summary and the result line already there
        report.set(r);
    }

    /** Files of the dataset that were not exported, with the reason (the manifest lists them all). */
    private void showNotUsed(List<org.ferworkbench.core.dataset.SkippedFile> skipped) {
        notUsed.setAll(org.ferworkbench.core.dataset.SkippedFile.listed(skipped, NOT_USED_SHOWN));
        notUsedTitle.set(skipped.isEmpty() ? "" : String.format(Locale.ROOT,
                "Not used: %,d file%s of the folder (all listed in manifest.csv)", skipped.size(), skipped.size() == 1 ? "" : "s"));
    }

    private void clearNotUsed() {
        notUsed.clear();
        notUsedTitle.set("");
    }

    static final int NOT_USED_SHOWN = 500;

    public void cancel() {
        handle.cancel();
        if (running.get()) result.set("Cancelling…");
    }

    /** Shows the export in the file manager, or (where there is none) its path, also put on the clipboard. */
    public void openFolder() {
        PrepareReport r = report.get();
        if (r != null) FolderOpening.open(executor, dialogs, "Export folder", r.output());
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format("%d:%02d min", s / 60, s % 60);
        return String.format("%d:%02d:%02d h", s / 3600, (s / 60) % 60, s % 60);
    }

    public ObjectProperty<Path> parentFolderProperty() {
        return parentFolder;
    }

    public ReadOnlyObjectProperty<Path> targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Why Export is off although a dataset is open (invalid settings on screen); empty otherwise. */
    public ReadOnlyStringProperty exportBlockedReasonProperty() {
        return exportBlockedReason.getReadOnlyProperty();
    }

    /** Whether Export may start now: a dataset is open, no export is running and the settings are valid. */
    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftProperty() {
        return timeLeft.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<StageRow> stages() {
        return stages;
    }

    public ObservableList<String> notUsed() {
        return notUsed;
    }

    public ReadOnlyStringProperty notUsedTitleProperty() {
        return notUsedTitle.getReadOnlyProperty();
    }

    /** The classes that got augmented copies in the last export, with what augmentation did to them. */
    public ObservableList<AugmentationRow> augmentation() {
        return augmentation;
    }

    public ObservableList<SummaryRow> summary() {
        return summary;
    }

    public ReadOnlyObjectProperty<PrepareReport> reportProperty() {
        return report.getReadOnlyProperty();
    }
}
