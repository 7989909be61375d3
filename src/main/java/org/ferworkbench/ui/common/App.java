package org.ferworkbench.ui.common;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.pipeline.FaceStages;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.ui.browser.ThumbnailCache;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.face.MtcnnFacePreviewService;
import org.ferworkbench.ui.main.MainView;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The desktop workbench and its composition root: every service and ViewModel is created here and passed on
 * through constructors. Also installs the one global handler for unexpected errors. Start it through the
 * plain {@code org.ferworkbench.Launcher} (an Application subclass as main class fails on the class path).
 *
 * <p>A dataset folder to open at start may be given as parameter or as system property {@code fer.workbench.open}.
 * System property {@code fer.workbench.home} moves the per-user folder (default ~/.fer-workbench).
 */
public final class App extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private Path home;
    private UiPreferences preferences;
    private FxTaskExecutor executor;
    private FacePreviewService faces;
    private ThumbnailCache thumbnails;
    private WorkbenchViewModels vms;
    private MainView view;
    private Stage stage;
    private final AtomicLong lastErrorDialog = new AtomicLong();

    /** The per-user folder: preferences, and workspaces of read-only datasets. */
    public static Path homeFolder() {
        String p = System.getProperty("fer.workbench.home");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".fer-workbench");
    }

    @Override
    public void init() {
        // off the JavaFX thread: the small files read at start
        home = homeFolder();
        preferences = UiPreferences.load(home);
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> unexpected(e));
        int cores = Runtime.getRuntime().availableProcessors();
        executor = new FxTaskExecutor(Math.max(2, cores), this::unexpected);
        DialogService dialogs = new FxDialogService(() -> stage, getHostServices());
        DetectionCache detections = new DetectionCache(DetectionCache.defaultDirectory());
        faces = new MtcnnFacePreviewService(MtcnnModels::shared, FaceStages.standard(detections));
        thumbnails = new ThumbnailCache(96, 3000, Math.max(1, Math.min(4, cores)));
        vms = WorkbenchViewModels.create(new WorkbenchViewModels.Services(executor, dialogs, preferences, home,
                dataset -> true, faces, config -> PreparePipeline.standard(detections), cores));
        view = new MainView(vms, dialogs, thumbnails);

        Scene scene = new Scene(view.root(), preferences.windowWidth, preferences.windowHeight);
        vms.main().themeProperty().get().applyTo(scene);
        vms.main().themeProperty().addListener((o, a, b) -> b.applyTo(scene));
        view.installKeys(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(vms.main().titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        var icon = App.class.getResourceAsStream("/org/ferworkbench/ui/common/icon.png");
        if (icon != null) stage.getIcons().add(new Image(icon));
        placeWindow(stage, preferences);
        stage.setOnHidden(e -> shutdown());
        stage.show();
        faces.start();
        List<String> params = getParameters().getUnnamed();
        String open = !params.isEmpty() ? params.get(0) : System.getProperty("fer.workbench.open");
        if (open != null && !open.isBlank()) vms.main().openDataset(Path.of(open));
    }

    /** Restores size and position, if they still fit on a screen. */
    static void placeWindow(Stage stage, UiPreferences p) {
        if (!Double.isNaN(p.windowX) && !Double.isNaN(p.windowY)) {
            boolean visible = Screen.getScreensForRectangle(new Rectangle2D(p.windowX, p.windowY, 100, 100)).size() > 0;
            if (visible) {
                stage.setX(p.windowX);
                stage.setY(p.windowY);
            }
        }
        stage.setMaximized(p.maximized);
    }

    private void shutdown() {
        if (stage != null && !stage.isMaximized()) {
            preferences.windowX = stage.getX();
            preferences.windowY = stage.getY();
            preferences.windowWidth = stage.getWidth();
            preferences.windowHeight = stage.getHeight();
        }
        preferences.maximized = stage != null && stage.isMaximized();
        preferences.dividers.put("main", view.dividerPositions());
        vms.main().closeDataset();
        vms.main().savePreferences();
        // decisions and preferences still queued are written before the process ends
        executor.drainLanes(Duration.ofSeconds(5));
        faces.close();
        thumbnails.shutdown();
        executor.shutdown();
        Platform.exit();
    }

    /** The one handler for what nobody expected: logged, and shown (at most one dialog every few seconds). */
    private void unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        Runnable show = () -> {
            long now = System.currentTimeMillis();
            if (now - lastErrorDialog.get() < 3000) return;
            lastErrorDialog.set(now);
            Window owner = stage;
            new FxDialogService(() -> owner, null).showError("Something went wrong", ErrorMessages.friendly(e), e);
        };
        // later, never inside a layout or animation pulse (where a modal dialog is not allowed)
        Platform.runLater(show);
    }
}
