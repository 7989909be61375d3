package org.ferworkbench.ui.app;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.ferworkbench.core.analysis.AnalysisStages;
import org.ferworkbench.core.analysis.FaceAnalysisCache;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.runtime.EngineWarmup;
import org.ferworkbench.ui.browser.ThumbnailCache;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.FxDialogService;
import org.ferworkbench.ui.common.FxTaskExecutor;
import org.ferworkbench.ui.common.Lazy;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.common.UserActivity;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.face.MtcnnFacePreviewService;
import org.ferworkbench.ui.main.MainView;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.startup.StartupSequence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The composition root: creates every service, ViewModel and view of the workbench and puts them in a window.
 * The application uses it with the real services; view tests, the screenshot tool and the UI benchmark use it
 * with their own home folder, dialogs or face service.
 */
public final class Workbench {
    /**
     * @param dialogs   the dialog service for the window (null: the real, owned dialogs)
     * @param faces     the face service (null: MTCNN from core, loaded in the background)
     * @param pipelines the export pipeline (null: the standard pipeline with detection)
     */
    public record Options(Path home, UiPreferences preferences, Predicate<Path> workspaceBesideAllowed,
                          Function<Stage, DialogService> dialogs, FacePreviewService faces, PipelineFactory pipelines,
                          Consumer<Throwable> unexpected) {
        public static Options standard(Path home, UiPreferences preferences, Consumer<Throwable> unexpected) {
            return new Options(home, preferences, p -> true, null, null, null, unexpected);
        }
    }

    private final Stage stage;
    private final UiPreferences preferences;
    private final FxTaskExecutor executor;
    private final FacePreviewService faces;
    private final ThumbnailCache thumbnails;
    private final WorkbenchViewModels vms;
    private final MainView view;
    private final UserActivity activity = new UserActivity();
    private final StartupSequence startup;
    private boolean closed;

    private Workbench(Stage stage, Options o, javafx.application.HostServices host) {
        this.stage = stage;
        this.preferences = o.preferences();
        int cores = Runtime.getRuntime().availableProcessors();
        executor = new FxTaskExecutor(Math.max(2, cores), o.unexpected());
        // (host is not needed any more: folders open through java.awt.Desktop, see FxDialogService.openFolder)
        DialogService dialogs = o.dialogs() != null ? o.dialogs().apply(stage) : new FxDialogService(() -> stage);
        // made on first use, in the background (its first use costs class loading the first window need not wait for)
        Lazy<DetectionCache> detections = Lazy.of(() -> new DetectionCache(DetectionCache.defaultDirectory()));
        Lazy<FaceAnalysisCache> analyses = Lazy.of(() -> new FaceAnalysisCache(FaceAnalysisCache.defaultDirectory()));
        faces = o.faces() != null ? o.faces()
                : new MtcnnFacePreviewService(progress -> EngineWarmup.warmUp(progress, true),
                        config -> FaceStages.standard(detections.get()).apply(config),
                        config -> AnalysisStages.standard(analyses.get()).apply(config));
        PipelineFactory pipelines = o.pipelines() != null ? o.pipelines() : PipelineFactory.standard(detections);
        // 1,500 thumbnails (with their textures about 110 MB) cover dozens of screens of scrolling back
        thumbnails = new ThumbnailCache(96, 1500, Math.max(1, Math.min(3, cores - 1)));
        vms = WorkbenchViewModels.create(new WorkbenchViewModels.Services(executor, dialogs, preferences, o.home(),
                o.workspaceBesideAllowed(), faces, pipelines, cores, activity));
        view = new MainView(vms, dialogs, thumbnails);

        Scene scene = new Scene(view.root(), preferences.windowWidth, preferences.windowHeight);
        vms.main().themeProperty().get().applyTo(scene);
        vms.main().themeProperty().addListener((ob, a, b) -> b.applyTo(scene));
        view.installKeys(scene);
        activity.watch(scene);
        view.watchScrolling(activity);
        stage.setScene(scene);
        // closing during an export asks first; if the export is cancelled, the window closes once it has cleaned up
        stage.setOnCloseRequest(e -> {
            if (!vms.export().requestClose(stage::close)) e.consume();
        });
        stage.titleProperty().bind(vms.main().titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var icon = Workbench.class.getResource("/org/ferworkbench/ui/common/icons/fer-workbench-" + size + ".png");
            if (icon != null) stage.getIcons().add(new Image(icon.toExternalForm(), true));
        }
        placeWindow(stage, preferences);
        startup = new StartupSequence(scene, this::startBackground, view.buildSteps(), view::warmUpSteps);
    }

    /**
     * Builds the window's frame into the stage (not shown yet). Once its first frame is laid out, the rest follows
     * (see {@link StartupSequence}): the face detector (libtorch) and the thumbnail decoder (OpenCV) load in the
     * background, and the dataset views are built and warmed up on the JavaFX thread a step at a time.
     */
    public static Workbench create(Stage stage, Options options, javafx.application.HostServices host) {
        Workbench w = new Workbench(stage, options, host);
        w.startup.start();
        return w;
    }

    /** What starts in the background after the first frame. */
    private void startBackground() {
        faces.start();
        thumbnails.loadDecoder();
        // what exports killed outright (power loss, kill -9) left beside the folders exported to before
        vms.export().cleanUpInterruptedExports(vms.main()::showNotice);
    }

    /** Restores size and position, if they still fit on a screen. */
    static void placeWindow(Stage stage, UiPreferences p) {
        if (!Double.isNaN(p.windowX) && !Double.isNaN(p.windowY)) {
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(p.windowX, p.windowY, 100, 100)).isEmpty();
            if (visible) {
                stage.setX(p.windowX);
                stage.setY(p.windowY);
            }
        }
        stage.setMaximized(p.maximized);
    }

    /** Remembers the window, closes the dataset and waits briefly for pending writes (decisions, preferences). */
    public void close() {
        if (closed) return;
        closed = true;
        startup.stop();
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            preferences.windowX = stage.getX();
            preferences.windowY = stage.getY();
            preferences.windowWidth = stage.getWidth();
            preferences.windowHeight = stage.getHeight();
        }
        preferences.maximized = stage.isMaximized();
        preferences.dividers.put("main", view.dividerPositions());
        vms.main().closeDataset();
        vms.main().savePreferences();
        executor.drainLanes(Duration.ofSeconds(5));
        faces.close();
        thumbnails.shutdown();
        executor.shutdown();
    }

    /** True once everything the window does after its first frame (views built, warm-ups) is done (JavaFX thread). */
    public boolean startupDone() {
        return startup.done();
    }

    public WorkbenchViewModels viewModels() {
        return vms;
    }

    public MainView view() {
        return view;
    }

    public ThumbnailCache thumbnails() {
        return thumbnails;
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    public UserActivity activity() {
        return activity;
    }

    public Stage stage() {
        return stage;
    }
}
