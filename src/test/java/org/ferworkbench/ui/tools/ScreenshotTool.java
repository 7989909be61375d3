package org.ferworkbench.ui.tools;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.app.App;
import org.ferworkbench.ui.common.Theme;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.RecordingDialogs;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.ferworkbench.ui.tools.FxScript.fx;
import static org.ferworkbench.ui.tools.FxScript.settle;
import static org.ferworkbench.ui.tools.FxScript.snapshot;
import static org.ferworkbench.ui.tools.FxScript.waitFor;

/**
 * Takes the documentation screenshots of the real workbench (real MTCNN, real export) on a dataset:
 * main window, inspector, distribution, settings, dark theme, export in progress and its summary.
 * Run by docs/screenshots.sh under Xvfb; writes PNGs (scene snapshots) into the output folder.
 *
 * <p>Arguments: dataset folder, output folder [--quick-export: export without face detection].
 */
public final class ScreenshotTool {
    private static Path dataset;
    private static Path out;
    private static boolean quickExport;

    private ScreenshotTool() { }

    public static void main(String[] args) {
        dataset = Path.of(args[0]).toAbsolutePath().normalize();
        out = Path.of(args.length > 1 ? args[1] : "screenshots").toAbsolutePath().normalize();
        quickExport = java.util.Arrays.asList(args).contains("--quick-export");
        App.defaultSystemProperties();
        Application.launch(Ui.class);
    }

    /** The application (a nested class: a main class extending Application fails on the class path). */
    public static final class Ui extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("fer-screens-home");
        RecordingDialogs dialogs = new RecordingDialogs();
        dialogs.directoryAnswer = Files.createTempDirectory("fer-screens-export");
        UiPreferences prefs = new UiPreferences();
        prefs.windowWidth = 1280;
        prefs.windowHeight = 800;
        Workbench w = Workbench.create(stage, new Workbench.Options(home, prefs, p -> false, s -> dialogs, null, null,
                Throwable::printStackTrace), getHostServices());
        stage.show();
        Thread script = new Thread(() -> {
            try {
                run(w, dialogs);
            } catch (Throwable e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    w.close();
                    Platform.exit();
                });
            }
        }, "screenshot-script");
        script.setDaemon(true);
        script.start();
    }
    }

    private static void run(Workbench w, RecordingDialogs dialogs) throws Exception {
        WorkbenchViewModels vms = w.viewModels();
        var scene = w.stage().getScene();
        snapshot(scene, out.resolve("welcome.png"));
        fx(() -> vms.main().openDataset(dataset));
        waitFor("the dataset", () -> vms.main().getSession() != null, 60_000);
        waitFor("faces in every image", () -> !vms.main().backgroundRunningProperty().get()
                && vms.main().backgroundTextProperty().get().contains(" checked: "), 600_000);
        // an image that needs a look, in a class with a few of them
        SampleItem interesting = fx(() -> vms.main().getSession().items().stream()
                .filter(i -> i.getStatus() == SampleStatus.SEVERAL_FACES).findFirst()
                .orElse(vms.main().getSession().items().get(0)));
        fx(() -> vms.browser().reveal(interesting));
        waitFor("the inspector", () -> !vms.inspector().loadingProperty().get() && vms.inspector().originalProperty().get() != null, 60_000);
        settle(1500);
        snapshot(scene, out.resolve("main-window.png"));
        snapshot(w.view().inspector().content(), out.resolve("inspector.png"));
        // an image whose label the expression net disputes, with its 68 points, once the analyses are in
        SampleItem disputed = fx(() -> vms.main().getSession().items().stream()
                .filter(i -> i.getStatus() == SampleStatus.LABEL_DISPUTED).findFirst().orElse(null));
        if (disputed != null) {
            fx(() -> vms.browser().reveal(disputed));
            settle(300);
            waitFor("the inspector", () -> !vms.inspector().loadingProperty().get() && vms.inspector().landmarksProperty().get() != null,
                    60_000);
            settle(1500);
            snapshot(scene, out.resolve("main-window-disputed.png"));
            snapshot(w.view().inspector().content(), out.resolve("inspector-disputed.png"));
        }
        // identities: the Groups tab once the plan groups by identity (the analyses are in)
        fx(() -> {
            var session = vms.main().getSession();
            var c = session.config();
            session.configProperty().set(c.withSplit(c.split().withGroupBy(org.ferworkbench.core.split.GroupBy.IDENTITY)));
        });
        waitFor("identity groups", () -> {
            var p = vms.main().getSession().planProperty().get();   // waitFor checks on the FX thread
            return p != null && p.groups().stream().anyMatch(g -> g.kinds().contains(org.ferworkbench.core.duplicates.LinkKind.IDENTITY));
        }, 120_000);
        fx(() -> {
            w.view().centerTabs().getSelectionModel().select(2);
            vms.duplicates().filterProperty().set(org.ferworkbench.ui.duplicates.DuplicatesViewModel.Filter.IDENTITIES);
        });
        settle(2500);
        snapshot(scene, out.resolve("groups-identities.png"));
        fx(() -> w.view().centerTabs().getSelectionModel().select(1));
        settle(1500);
        snapshot(scene, out.resolve("distribution-identities.png"));
        fx(() -> {
            var session = vms.main().getSession();
            var c = session.config();
            session.configProperty().set(c.withSplit(c.split().withGroupBy(org.ferworkbench.core.split.GroupBy.NONE)));
            w.view().centerTabs().getSelectionModel().select(0);
        });

        fx(() -> w.view().centerTabs().getSelectionModel().select(1));
        settle(800);
        snapshot(scene, out.resolve("distribution.png"));
        fx(() -> w.view().centerTabs().getSelectionModel().select(0));

        fx(() -> w.view().sideTabs().getSelectionModel().select(1));
        settle(500);
        snapshot(w.view().sideTabs(), out.resolve("settings.png"));
        fx(() -> w.view().sideTabs().getSelectionModel().select(0));

        fx(() -> vms.main().themeProperty().set(Theme.DARK));
        settle(1000);
        snapshot(scene, out.resolve("main-window-dark.png"));
        fx(() -> vms.main().themeProperty().set(Theme.LIGHT));

        if (quickExport) fx(() -> vms.settings().detectFaces.set(false));   // minutes less, for trying the script out
        fx(() -> {
            w.view().sideTabs().getSelectionModel().select(2);
            vms.export().start();
        });
        waitFor("export progress", () -> vms.export().progressProperty().get() > 0.15
                && vms.export().resultProperty().get().startsWith("Preparing"), 600_000);
        settle(300);
        snapshot(scene, out.resolve("export-progress.png"));
        waitFor("the export", () -> !vms.export().runningProperty().get(), 1_800_000);
        settle(500);
        snapshot(scene, out.resolve("export-done.png"));
        // the augmentation section further down: what reached the arrays
        fx(() -> {
            javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) scene.lookup("#export");
            javafx.scene.Node section = scene.lookup("#augmentationSummary");
            double h = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            if (h > 0) pane.setVvalue(Math.min(1, section.getBoundsInParent().getMinY() / h));
        });
        settle(300);
        snapshot(scene, out.resolve("export-augmentation.png"));
        if (!dialogs.errors.isEmpty()) throw new IllegalStateException("errors shown: " + dialogs.errors);
        org.slf4j.LoggerFactory.getLogger(ScreenshotTool.class).info("screenshots written to {}", out);
    }
}
