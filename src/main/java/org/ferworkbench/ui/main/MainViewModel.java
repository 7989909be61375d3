package org.ferworkbench.ui.main;

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
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.curation.WorkspaceReader;
import org.ferworkbench.core.curation.Pacer;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.FolderOpening;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.common.Theme;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.session.DatasetSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The window as a whole: opening and closing datasets (scan in the background, the window stays usable), recent
 * datasets, the background check of every image (read, hash, faces) with its progress, the face detector's state,
 * theme and remembered preferences.
 */
public final class MainViewModel {
    private static final int UI_CHUNK = 2000;

    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UiPreferences preferences;
    private final Path home;
    private final Predicate<Path> workspaceBesideAllowed;
    private final FacePreviewService faces;
    private final Supplier<WorkspaceReader> checker;
    private final Pacer pacer;

    private final ReadOnlyObjectWrapper<DatasetSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("FER Workbench");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a dataset folder (one sub-folder per class) to begin.");
    private final ReadOnlyStringWrapper notUsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper backgroundText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper backgroundProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper backgroundRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper faceStatus = new ReadOnlyStringWrapper();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ChangeListener<PrepareConfig> configListener = (o, a, b) -> onConfigChanged(a, b);
    private TaskHandle checks = TaskHandle.DONE;

    public MainViewModel(TaskExecutor executor, DialogService dialogs, UiPreferences preferences, Path home,
                         Predicate<Path> workspaceBesideAllowed, FacePreviewService faces, Supplier<WorkspaceReader> checker,
                         Pacer pacer) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.home = home;
        this.workspaceBesideAllowed = workspaceBesideAllowed;
        this.faces = faces;
        this.checker = checker;
        this.pacer = pacer;
        recent.setAll(recentPaths());
        theme.set(Theme.parse(preferences.theme));
        theme.addListener((o, a, b) -> {
            preferences.theme = b.id();
            savePreferences();
        });
        faceStatus.set(faces.stateMessage());
        faces.addStateListener(() -> executor.runOnUiThread(this::onFaceStateChanged));
    }

    /** The remembered datasets this JVM can name (see {@link UiPreferences#savedPath}). */
    private List<Path> recentPaths() {
        return preferences.recentDatasets.stream().map(UiPreferences::savedPath).filter(Objects::nonNull).toList();
    }

    public void openDataset(Path root) {
        if (root == null) return;
        Path target = root.toAbsolutePath().normalize();
        opening.set(true);
        status.set("Opening " + FileNames.path(target) + " …");
        executor.execute(BackgroundTask.of("Opening dataset",
                        ctx -> DatasetSession.open(target, home, workspaceBesideAllowed.test(target)))
                .onSuccess(this::opened)
                .onFailure(e -> {
                    // "Could not open view." read as if a view of the window had failed: say it is the dataset folder
                    status.set(couldNotOpen(target));
                    if (!Files.isDirectory(target)) {
                        preferences.removeRecent(target);
                        recent.remove(target);
                        savePreferences();
                    }
                    dialogs.showError("Cannot open the dataset", ErrorMessages.friendly(e), e);
                })
                .onFinally(() -> opening.set(false)));
    }

    /** The status bar's sentence when a folder could not be opened: named as the dataset folder, with its path. */
    static String couldNotOpen(Path folder) {
        return "Could not open the dataset folder \u201c" + FileNames.of(folder) + "\u201d (" + FileNames.path(folder) + ").";
    }

    private void opened(DatasetSession s) {
        closeDataset();
        s.attach(executor, e -> dialogs.showError("Could not save", "A change could not be saved in the workspace "
                + s.workspace().folder() + ": " + ErrorMessages.friendly(e), e));
        session.set(s);
        s.configProperty().addListener(configListener);
        title.set("FER Workbench — " + s.name());
        // the workspace's (long) path is the status bar's "workspace" link's tooltip, not in this line
        status.set(String.format("%s: %,d images in %d classes", s.name(), s.items().size(), s.dataset().classNames().size()));
        int skipped = s.dataset().skipped().size();
        notUsed.set(skipped == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d file%s not used", skipped, skipped == 1 ? "" : "s"));
        Path root = s.root();
        preferences.addRecent(root);
        recent.setAll(recentPaths());
        savePreferences();
        if (!s.warnings().isEmpty()) dialogs.showInfo("Workspace", String.join("\n", s.warnings()));
        // the first screen of thumbnails gets the processor first; the check of every image starts a moment later
        checks.cancel();
        checks = executor.schedule(Duration.ofMillis(1500), () -> {
            if (session.get() == s) restartChecks();
        });
    }

    /** Where the open dataset's workspace is (display text), empty without a dataset. */
    public String workspaceText() {
        DatasetSession s = session.get();
        return s == null ? "" : FileNames.path(s.workspace().folder());
    }

    /** Shows the open dataset's workspace folder in the file manager, or (where there is none) its path. */
    public void openWorkspaceFolder() {
        DatasetSession s = session.get();
        if (s != null) FolderOpening.open(executor, dialogs, "Workspace folder", s.workspace().folder());
    }

    /** A sentence for the status bar about something done in the background (e.g. a clean-up at start). */
    public void showNotice(String text) {
        status.set(text);
    }

    public void closeDataset() {
        DatasetSession s = session.get();
        if (s == null) return;
        checks.cancel();
        s.configProperty().removeListener(configListener);
        session.set(null);
        notUsed.set("");
        s.close();
        title.set("FER Workbench");
        backgroundRunning.set(false);
        backgroundText.set("");
    }

    private void onConfigChanged(PrepareConfig before, PrepareConfig after) {
        // the minimum probability chooses the face that is analysed (identities, label opinions)
        boolean faceChanged = before.detectFaces() != after.detectFaces() || !Objects.equals(before.face().detector(), after.face().detector())
                || before.face().minProbability() != after.face().minProbability();
        if (!faceChanged) return;
        // typing "0.65" passes through 0.6: wait until the user stops before searching every image again
        DatasetSession s = session.get();
        checks.cancel();
        checks = executor.schedule(Duration.ofMillis(800), () -> {
            if (session.get() == s) restartChecks();
        });
    }

    private void onFaceStateChanged() {
        faceStatus.set(faces.stateMessage());
        DatasetSession s = session.get();
        // ready: faces can be found and (for any dataset, cropped ones too) analysed
        if (s != null && faces.state() == FacePreviewService.State.READY) restartChecks();
    }

    /** (Re)starts checking every image of the open dataset; cached results come back at once. */
    public void restartChecks() {
        checks.cancel();
        DatasetSession s = session.get();
        if (s == null) return;
        PrepareConfig config = s.config();
        WorkspaceReader.FaceFinder finder = null;
        if (config.detectFaces() && faces.state() == FacePreviewService.State.READY) {
            String key = faces.detectorKey(config);
            finder = new WorkspaceReader.FaceFinder() {
                @Override
                public String key() {
                    return key;
                }

                @Override
                public List<List<FaceDetection>> find(List<FaceRequest> images) throws Exception {
                    // every core while the user is idle; one while they scroll or type, so the window stays fluid
                    return faces.detect(images, config, !pacer.busy());
                }
            };
        }
        WorkspaceReader.FaceFinder f = finder;
        // analysed only for the face source the export uses: MTCNN's faces when it detects, else whole images
        boolean analyse = faces.state() == FacePreviewService.State.READY && (f != null || !config.detectFaces());
        backgroundRunning.set(true);
        backgroundProgress.set(0);
        backgroundText.set(f == null ? "Checking images…" : "Finding faces…");
        checks = executor.execute(BackgroundTask.of("Checking images", ctx -> {
                    // made here, off the FX thread: the first one loads the nets and hashes the model files
                    SourceAnalyzer analyzer = analyse ? faces.analyzer(config) : null;
                    // queued before any analysis of this run, so the session forgets the last face source's first
                    executor.runOnUiThread(() -> {
                        if (session.get() == s && analyzer != s.analysedBy()) {
                            s.clearAnalyses();
                            s.setAnalysedBy(analyzer);
                        }
                    });
                    checker.get().checkAll(s.dataset().samples(), s.checkStore(), f, analyzer, batch -> post(s, batch),
                            analysed -> postAnalyses(s, analyzer, analysed), ctx.progress(), ctx.cancellation(), pacer);
                    return null;
                })
                .lane("checks")
                .onProgress(e -> {
                    if (session.get() != s) return;
                    backgroundProgress.set(e.fraction());
                    backgroundText.set(String.format("%s %,d / %,d", e.stage(), e.done(), e.total()));
                })
                .onSuccess(r -> {
                    if (session.get() != s) return;
                    backgroundRunning.set(false);
                    // what was found, counted (not "faces found in every image" when some have none)
                    backgroundText.set(org.ferworkbench.core.curation.CheckSummary.of(s.checksView().values()).describe());
                })
                .onCancelled(() -> {
                    if (session.get() == s) backgroundRunning.set(false);
                })
                .onFailure(e -> {
                    if (session.get() != s) return;
                    backgroundRunning.set(false);
                    backgroundText.set("Checking stopped: " + ErrorMessages.friendly(e));
                }));
    }

    /** Hands results to the UI thread in chunks small enough to keep each frame short. */
    private void post(DatasetSession s, List<ImageCheck> batch) {
        for (int from = 0; from < batch.size(); from += UI_CHUNK) {
            List<ImageCheck> chunk = List.copyOf(batch.subList(from, Math.min(batch.size(), from + UI_CHUNK)));
            executor.runOnUiThread(() -> {
                if (session.get() == s) s.applyChecks(chunk);
            });
        }
    }

    /** As {@link #post}, for analyses; dropped when the session has moved on to another face source meanwhile. */
    private void postAnalyses(DatasetSession s, SourceAnalyzer analyzer, Map<String, FaceAnalysis> analysed) {
        List<Map.Entry<String, FaceAnalysis>> all = List.copyOf(analysed.entrySet());
        for (int from = 0; from < all.size(); from += UI_CHUNK) {
            Map<String, FaceAnalysis> chunk = new java.util.HashMap<>();
            for (var e : all.subList(from, Math.min(all.size(), from + UI_CHUNK))) chunk.put(e.getKey(), e.getValue());
            executor.runOnUiThread(() -> {
                if (session.get() == s && s.analysedBy() == analyzer) s.applyAnalyses(chunk);
            });
        }
    }

    public void cancelChecks() {
        checks.cancel();
        backgroundText.set("Checking paused (restart from the Dataset menu)");
    }

    /** Writes the preferences in the background. */
    public void savePreferences() {
        UiPreferences snapshot = preferences.copy();
        executor.execute(BackgroundTask.run("Saving preferences", () -> snapshot.save(home)).lane("preferences")
                .onFailure(e -> { }));
    }

    public UiPreferences preferences() {
        return preferences;
    }

    public ReadOnlyObjectProperty<DatasetSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public DatasetSession getSession() {
        return session.get();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "N files not used" when the folder holds files that are not images of a class (empty otherwise). */
    public ReadOnlyStringProperty notUsedProperty() {
        return notUsed.getReadOnlyProperty();
    }

    /** Lists the files of the open folder that are not used, each with its reason. */
    public void showNotUsed() {
        DatasetSession s = session.get();
        if (s == null || s.dataset().skipped().isEmpty()) return;
        var skipped = s.dataset().skipped();
        StringBuilder text = new StringBuilder("These files in " + s.root() + " are not part of any class:\n\n");
        org.ferworkbench.core.dataset.SkippedFile.listed(skipped, NOT_USED_LISTED).forEach(line -> text.append(line).append('\n'));
        text.append("\nImages that cannot be decoded show under the filter \"Unreadable\"; an export's manifest.csv lists everything not exported.");
        dialogs.showInfo("Files not used", text.toString());
    }

    static final int NOT_USED_LISTED = 200;

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backgroundTextProperty() {
        return backgroundText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty backgroundProgressProperty() {
        return backgroundProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty backgroundRunningProperty() {
        return backgroundRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty faceStatusProperty() {
        return faceStatus.getReadOnlyProperty();
    }

    public ObservableList<Path> recentDatasets() {
        return recent;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
