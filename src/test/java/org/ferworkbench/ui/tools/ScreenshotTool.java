package org.ferworkbench.ui.tools;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.app.App;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.ui.common.FxDialogService;
import org.ferworkbench.ui.common.Theme;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.LayoutProblems;
import org.ferworkbench.ui.support.RecordingDialogs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.ferworkbench.ui.tools.FxScript.fx;
import static org.ferworkbench.ui.tools.FxScript.settle;
import static org.ferworkbench.ui.tools.FxScript.snapshot;
import static org.ferworkbench.ui.tools.FxScript.waitFor;

/**
 * Takes the documentation screenshots of the real workbench (real MTCNN, real export) on a dataset. At 1024x700
 * and 1400x900, light and dark (a folder each, e.g. {@code 1024x700-dark/}): the main window, the inspector for an
 * image with one face, two faces, none and a test image, the Distribution tab (and the PNG its "Save as PNG"
 * writes), the settings, and (at 1024x700) an error dialog with its details; what does not fit in them
 * ({@link LayoutProblems}) goes to {@code layout-problems.txt}. Then, at 1400x900 in the light theme: the welcome
 * page, an image whose label is disputed, identity groups, an export in progress and its summary.
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
        prefs.windowWidth = SIZES[1][0];
        prefs.windowHeight = SIZES[1][1];
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

    /** The window sizes every view is shot at: the smallest the workbench is made for, and a common larger one. */
    private static final int[][] SIZES = {{1024, 700}, {1400, 900}};

    private static void run(Workbench w, RecordingDialogs dialogs) throws Exception {
        WorkbenchViewModels vms = w.viewModels();
        var scene = w.stage().getScene();
        snapshot(scene, out.resolve("welcome.png"));
        fx(() -> vms.main().openDataset(dataset));
        waitFor("the dataset", () -> vms.main().getSession() != null, 60_000);
        waitFor("faces in every image", () -> !vms.main().backgroundRunningProperty().get()
                && vms.main().backgroundTextProperty().get().contains(" checked: "), 600_000);
        waitFor("the plan", () -> vms.main().getSession().planProperty().get() != null, 60_000);
        waitForSettledPlan(vms);

        // the inspector's cases, from the detections and the plan: one face (train), two faces, none, a test image
        Map<String, SampleItem> cases = fx(() -> pickCases(vms));
        org.slf4j.LoggerFactory.getLogger(ScreenshotTool.class).warn("inspector images: {}", cases.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().relativePath()).toList());
        List<String> problems = new ArrayList<>();
        for (int[] size : SIZES) {
            fx(() -> {
                w.stage().setWidth(size[0]);
                w.stage().setHeight(size[1]);
            });
            settle(800);
            double[] got = fx(() -> new double[]{scene.getWidth(), scene.getHeight()});
            if (got[0] != size[0] || got[1] != size[1]) {
                problems.add(size[0] + "x" + size[1] + ": the window is " + got[0] + "x" + got[1]);
            }
            for (Theme theme : Theme.values()) {
                fx(() -> vms.main().themeProperty().set(theme));
                Path folder = out.resolve(size[0] + "x" + size[1] + "-" + theme.id());
                String where = folder.getFileName() + " ";
                fx(() -> {
                    w.view().centerTabs().getSelectionModel().select(0);
                    w.view().sideTabs().getSelectionModel().select(0);
                });
                for (var c : cases.entrySet()) {
                    inspect(vms, c.getValue());
                    if (c.getKey().equals("test-image") && !fx(() -> vms.inspector().metadata().stream()
                            .anyMatch(r -> r.key().equals("Split") && r.value().startsWith("test")))) {
                        org.slf4j.LoggerFactory.getLogger(ScreenshotTool.class).warn("{} is not in the test split any more",
                                c.getValue().relativePath());
                    }
                    snapshot(w.view().inspector().content(), folder.resolve("inspector-" + c.getKey() + ".png"));
                    if (c.getKey().equals("one-face")) snapshot(scene, folder.resolve("main-window.png"));
                    problems.addAll(problems(scene, where + "Images + Inspector (" + c.getKey() + ")"));
                }
                fx(() -> w.view().centerTabs().getSelectionModel().select(1));
                settle(1200);
                snapshot(scene, folder.resolve("distribution.png"));
                problems.addAll(problems(scene, where + "Distribution + Inspector"));
                // what "Save as PNG" writes (chart and whole table, at 2x)
                fx(() -> w.view().distribution().savePngTo(folder.resolve("distribution-saved.png")));
                waitFor("the saved chart", () -> vms.distribution().saveMessageProperty().get().startsWith("Saved"), 30_000);
                fx(() -> {
                    w.view().centerTabs().getSelectionModel().select(0);
                    w.view().sideTabs().getSelectionModel().select(1);
                });
                settle(800);
                snapshot(scene, folder.resolve("settings.png"));
                problems.addAll(problems(scene, where + "Images + Settings"));
                fx(() -> w.view().sideTabs().getSelectionModel().select(0));
                if (size == SIZES[0]) dialog(w, folder.resolve("dialog-details.png"));
            }
        }
        fx(() -> vms.main().themeProperty().set(Theme.LIGHT));

        // the rest at the larger size, in the light theme
        fx(() -> {
            w.stage().setWidth(SIZES[1][0]);
            w.stage().setHeight(SIZES[1][1]);
        });
        settle(800);
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
        problems.addAll(problems(scene, "1400x900-light Groups (identities)"));
        fx(() -> w.view().centerTabs().getSelectionModel().select(1));
        settle(1500);
        snapshot(scene, out.resolve("distribution-identities.png"));
        fx(() -> {
            var session = vms.main().getSession();
            var c = session.config();
            session.configProperty().set(c.withSplit(c.split().withGroupBy(org.ferworkbench.core.split.GroupBy.NONE)));
            w.view().centerTabs().getSelectionModel().select(0);
        });

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
        problems.addAll(problems(scene, "1400x900-light Export (done)"));
        // the augmentation section further down: what reached the arrays
        fx(() -> {
            javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) scene.lookup("#export");
            javafx.scene.Node section = scene.lookup("#augmentationSummary");
            double h = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            if (h > 0) pane.setVvalue(Math.min(1, section.getBoundsInParent().getMinY() / h));
        });
        settle(300);
        snapshot(scene, out.resolve("export-augmentation.png"));
        Files.write(out.resolve("layout-problems.txt"), problems);
        org.slf4j.LoggerFactory.getLogger(ScreenshotTool.class).warn("layout problems: {}", problems.isEmpty() ? "none" : problems);
        if (!dialogs.errors.isEmpty()) throw new IllegalStateException("errors shown: " + dialogs.errors);
        org.slf4j.LoggerFactory.getLogger(ScreenshotTool.class).info("screenshots written to {}", out);
    }

    /**
     * Waits until the plan stops changing (the last checks and analyses re-plan it a moment after they arrive), so
     * that the test image picked from it is still one when the inspector shows it.
     */
    private static void waitForSettledPlan(WorkbenchViewModels vms) {
        long end = System.currentTimeMillis() + 120_000;
        Object last = null;
        while (System.currentTimeMillis() < end) {
            Object now = fx(() -> vms.main().getSession().planProperty().get());
            if (now != null && now == last) return;
            last = now;
            FxScript.sleep(3000);
        }
    }

    /** Shows the image in the inspector and waits until it is drawn (faces, crop, copies). */
    private static void inspect(WorkbenchViewModels vms, SampleItem item) {
        fx(() -> vms.browser().reveal(item));
        waitFor("the inspector", () -> vms.inspector().titleProperty().get().equals(item.relativePath())
                && !vms.inspector().loadingProperty().get() && vms.inspector().originalProperty().get() != null, 60_000);
        settle(1200);
    }

    /**
     * Readable images of the dataset for the inspector: one face (train split, kept), two faces, no face, and a test
     * image with one face; a case the dataset does not have is left out.
     */
    private static Map<String, SampleItem> pickCases(WorkbenchViewModels vms) {
        var session = vms.main().getSession();
        var checks = session.checksView();
        var split = session.planProperty().get().splitOf();
        java.util.function.BiFunction<Integer, SplitName, SampleItem> first = (faces, side) -> session.items().stream()
                .filter(i -> checks.get(i.relativePath()) != null && checks.get(i.relativePath()).faceCount() == faces)
                .filter(i -> faces != 1 || i.getStatus() == SampleStatus.OK)
                .filter(i -> side == null || split.get(i.relativePath()) == side)
                .findFirst().orElse(null);
        Map<String, SampleItem> cases = new LinkedHashMap<>();
        cases.put("one-face", first.apply(1, SplitName.TRAIN));
        cases.put("two-faces", first.apply(2, null));
        cases.put("no-face", first.apply(0, null));
        cases.put("test-image", first.apply(1, SplitName.TEST));
        cases.values().removeIf(java.util.Objects::isNull);
        return cases;
    }

    private static List<String> problems(javafx.scene.Scene scene, String where) {
        return fx(() -> LayoutProblems.of(scene.getRoot(), "classList", "duplicateGroups")).stream().map(p -> where + ": " + p).toList();
    }

    /** An error dialog of the window with its technical details shown, in the window's theme. */
    private static void dialog(Workbench w, Path file) throws Exception {
        FxDialogService real = new FxDialogService(w::stage);
        Platform.runLater(() -> real.showError("Chart not saved", "The chart could not be saved to /media/usb/charts/"
                + "muxspace_fer6-distribution.png: the disk is full.", new java.io.IOException("No space left on device")));
        waitFor("the dialog", () -> dialogPane() != null, 10_000);
        fx(() -> dialogPane().setExpanded(true));
        settle(500);
        snapshot(fx(() -> dialogPane().getScene()), file);
        fx(() -> dialogPane().getScene().getWindow().hide());
        settle(300);
    }

    private static javafx.scene.control.DialogPane dialogPane() {
        return javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
                .map(win -> win.getScene() == null ? null : win.getScene().getRoot().lookup(".dialog-pane"))
                .filter(n -> n instanceof javafx.scene.control.DialogPane).map(n -> (javafx.scene.control.DialogPane) n)
                .findFirst().orElse(null);
    }
}
