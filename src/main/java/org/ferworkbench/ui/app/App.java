package org.ferworkbench.ui.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ferworkbench.StartupLog;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.FxDialogService;
import org.ferworkbench.ui.common.UiPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The desktop application: starts the {@link Workbench} (the composition root) in the primary stage and installs the
 * one global handler for unexpected errors. Start it through the plain {@code org.ferworkbench.Launcher} (an
 * Application subclass as main class fails on the class path).
 *
 * <p>A dataset folder to open at start may be given as parameter or as system property {@code fer.workbench.open}.
 * System property {@code fer.workbench.home} moves the per-user folder (default ~/.fer-workbench).
 */
public final class App extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private Path home;
    private UiPreferences preferences;
    private Workbench workbench;
    private Stage stage;
    private final AtomicLong lastErrorDialog = new AtomicLong();
    /** Set when the JVM is shutting down (e.g. the session ends or the process gets SIGTERM). */
    private static volatile boolean shuttingDown;

    /** The per-user folder: preferences, and workspaces of read-only datasets. */
    public static Path homeFolder() {
        String p = System.getProperty("fer.workbench.home");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".fer-workbench");
    }

    /** Library settings the workbench relies on (offline MTCNN, stable libtorch timings), unless given. */
    public static void defaultSystemProperties() {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    @Override
    public void init() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "note-shutdown"));
        StartupLog.mark("fx-init");
        // off the JavaFX thread: the small files read at start
        home = homeFolder();
        preferences = UiPreferences.load(home);
        defaultSystemProperties();
    }

    @Override
    public void start(Stage primaryStage) {
        StartupLog.mark("fx-start");
        stage = primaryStage;
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> unexpected(e));
        workbench = Workbench.create(stage, Workbench.Options.standard(home, preferences, this::unexpected), getHostServices());
        stage.setOnHidden(e -> {
            workbench.close();
            Platform.exit();
        });
        if (StartupLog.enabled()) logFirstFrame(stage);
        stage.show();
        StartupLog.mark("window-shown");
        List<String> params = getParameters().getUnnamed();
        String open = !params.isEmpty() ? params.get(0) : System.getProperty("fer.workbench.open");
        if (open != null && !open.isBlank()) workbench.viewModels().main().openDataset(Path.of(open));
    }

    /** Logs the first pulse that lays out the shown window (its frame is drawn right after) and the next one. */
    private static void logFirstFrame(Stage stage) {
        var scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            if (!stage.isShowing()) return;
            pulses[0]++;
            StartupLog.mark(pulses[0] == 1 ? "first-frame" : "second-frame");
            if (pulses[0] == 2) Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0]));
            else Platform.requestNextPulse();
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /** The one handler for what nobody expected: logged, and shown (at most one dialog every few seconds). */
    private void unexpected(Throwable e) {
        if (shuttingDown) {
            // JavaFX tears its toolkit down while events are still queued (e.g. a skin asks for the graphics pipeline
            // after it is gone): nothing the user can act on, and no window left to show it in
            LOG.debug("error while shutting down", e);
            return;
        }
        LOG.error("unexpected error", e);
        // later, never inside a layout or animation pulse (where a modal dialog is not allowed)
        Platform.runLater(() -> {
            long now = System.currentTimeMillis();
            if (now - lastErrorDialog.get() < 3000) return;
            lastErrorDialog.set(now);
            Window owner = stage;
            new FxDialogService(() -> owner).showError("Something went wrong", ErrorMessages.friendly(e), e);
        });
    }
}
