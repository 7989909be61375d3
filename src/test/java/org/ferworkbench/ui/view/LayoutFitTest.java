package org.ferworkbench.ui.view;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.common.FxDialogService;
import org.ferworkbench.ui.common.Theme;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.LayoutProblems;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every view fits from 1024x700 up (issue 17): the real window under Monocle, with a dataset open, an image rejected
 * (so the class list shows its "1 rejected" note) and an export done, opened at 1400x900, made 1024x700 and then
 * 1400x900 again, light and dark. In
 * each, the Images, Distribution and Groups tabs, and beside them the inspector (an image with one face, two faces,
 * none), the settings and the export are shown, and no label, button, table cell or column header may be cut short
 * with "...", the class list may not scroll sideways, no pane may cut its content off unseen and the tool bar may not
 * push its buttons into its overflow menu ({@link LayoutProblems}).
 */
class LayoutFitTest {
    private static final int[][] SIZES = {{1024, 700}, {1400, 900}};

    @TempDir
    Path dir;

    @RegisterExtension
    static final Windows windows = new Windows();
    private final FxRobot robot = windows.robot();

    @Test
    void everyViewFitsFrom1024x700UpInBothThemes() throws Exception {
        Path data = sixClasses(dir.resolve("data"));
        RecordingDialogs dialogs = new RecordingDialogs();
        // opened large, then made small: the side panes keep their width as the window changes, the centre must not
        // be squeezed out (and then large again)
        Workbench w = show(dir.resolve("home"), dialogs, 1400, 900);
        WorkbenchViewModels vms = w.viewModels();
        robot.interact(() -> vms.main().openDataset(data));
        waitUntil("the dataset", () -> vms.main().getSession() != null, 60);
        robot.interact(() -> vms.browser().selectedClassProperty().set("fear"));
        waitUntil("the checks", () -> vms.main().backgroundTextProperty().get().matches("[0-9,]+ images? checked: .*"), 60);
        waitUntil("the plan", () -> vms.main().getSession().planProperty().get() != null, 30);

        // one image rejected: the class list's "1 rejected" note (it made the list scroll sideways)
        SampleItem rejected = item(vms, "fear/fear_003.jpg");
        robot.interact(() -> vms.browser().select(rejected));
        waitUntil("the inspector", () -> inspectorShows(vms, rejected), 30);
        robot.interact(() -> vms.review().reject());
        waitUntil("the rejection", () -> rejected.getStatus() == SampleStatus.REJECTED, 5);
        waitUntil("the class count", () -> vms.browser().classes().stream().anyMatch(r -> r.rejected() == 1), 5);

        assertThat(fx(() -> w.stage().getScene().getRoot().lookupAll("#classList .class-detail").stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList())).anyMatch(t -> t.contains("1 rejected"));

        // an export (without face detection: the fake detector is no pipeline stage), for its summary table
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("exports"));
        robot.interact(() -> {
            vms.settings().detectFaces.set(false);
            vms.export().start();
        });
        waitUntil("the export", () -> vms.export().reportProperty().get() != null, 120);
        robot.interact(() -> vms.settings().detectFaces.set(true));
        waitUntil("the checks again", () -> vms.main().backgroundTextProperty().get().matches("[0-9,]+ images? checked: .*"), 60);

        // images with one face, two faces and none (see Datasets and FakeFaces)
        List<SampleItem> inspected = List.of(item(vms, "fear/fear_000.jpg"), item(vms, "fear/fear_002.jpg"),
                item(vms, "fear/fear_001.jpg"));
        Set<String> problems = new LinkedHashSet<>();
        for (int[] size : SIZES) {
            resize(w, size[0], size[1]);
            for (Theme theme : Theme.values()) {
                robot.interact(() -> vms.main().themeProperty().set(theme));
                String where = size[0] + "x" + size[1] + " " + theme.id() + ", ";
                for (SampleItem item : inspected) {
                    robot.interact(() -> vms.browser().select(item));
                    waitUntil("the inspector", () -> inspectorShows(vms, item), 30);
                    problems.addAll(check(w, where + "Images + Inspector (" + item.relativePath() + ")", 0, 0));
                }
                problems.addAll(check(w, where + "Distribution + Settings", 1, 1));
                problems.addAll(check(w, where + "Groups + Export", 2, 2));
            }
        }
        assertThat(problems).as("what does not fit").isEmpty();
    }

    /**
     * "Save as PNG" at 1024x700, where the Distribution table is wider than its pane: the chart and, under it, the
     * whole table (not only what the pane shows) at twice the size on screen, the chart as wide as the table, and a
     * sentence saying where it went.
     */
    @Test
    void theChartIsSavedWithItsWholeTableAtTwiceTheSize() throws Exception {
        Path data = sixClasses(dir.resolve("data"));
        Workbench w = show(dir.resolve("home"), new RecordingDialogs(), 1024, 700);
        WorkbenchViewModels vms = w.viewModels();
        robot.interact(() -> vms.main().openDataset(data));
        waitUntil("the dataset", () -> vms.main().getSession() != null, 60);
        waitUntil("the plan", () -> !vms.distribution().rows().isEmpty(), 60);
        robot.interact(() -> w.view().centerTabs().getSelectionModel().select(1));
        waitUntil("the chart's six series", () -> w.view().distribution().chart().getData().size() == 6, 10);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> table = robot.lookup("#distributionTable").queryAs(javafx.scene.control.TableView.class);
        javafx.scene.control.ScrollPane tablePane = robot.lookup("#distributionTableScroll").queryAs(javafx.scene.control.ScrollPane.class);
        var chart = w.view().distribution().chart();
        double[] shown = fx(() -> new double[]{chart.getWidth(), chart.getHeight(), table.getWidth(), table.getHeight(),
                tablePane.getViewportBounds().getWidth()});
        assertThat(shown[2]).as("the table is wider than its pane (it scrolls sideways)").isGreaterThan(shown[4]);

        Path png = dir.resolve("distribution.png");
        robot.interact(() -> w.view().distribution().savePngTo(png));
        waitUntil("the file", () -> vms.distribution().saveMessageProperty().get().startsWith("Saved"), 20);
        assertThat(vms.distribution().saveMessageProperty().get()).isEqualTo("Saved the chart and its table to " + png);
        assertThat(robot.lookup("#saveChartMessage").queryLabeled().getText()).isEqualTo("Saved the chart and its table to " + png);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        // as wide as the whole table at 2x; the chart above it as wide too, and no lower than on screen
        assertThat((double) image.getWidth()).isCloseTo(2 * shown[2], org.assertj.core.data.Offset.offset(2.0));
        assertThat((double) image.getHeight()).isGreaterThanOrEqualTo(2 * (shown[1] + shown[3]) - 3);
    }

    /**
     * A dialog of the dark window (an error with its technical details, expanded) in the dark theme too: its texts,
     * "Show Details" among them, stand out from its background (WCAG's 4.5:1), and it fits (no "...").
     */
    @Test
    void dialogsFollowTheThemeAndStayReadable() throws Exception {
        for (Theme theme : Theme.values()) {
            AtomicReference<Stage> owner = new AtomicReference<>();
            robot.interact(() -> {
                Stage stage = new Stage();
                Scene scene = new Scene(new StackPane(), 500, 400);
                theme.applyTo(scene);
                stage.setScene(scene);
                stage.show();
                owner.set(stage);
            });
            FxDialogService dialogs = new FxDialogService(owner::get);
            Platform.runLater(() -> dialogs.showError("Chart not saved", "The chart could not be saved to /tmp/charts/muxspace-"
                    + "distribution.png: No space left on device", new java.io.IOException("No space left on device")));
            waitUntil("the dialog", () -> dialogPane() != null, 10);
            DialogPane pane = dialogPane();
            List<String> problems = new ArrayList<>();
            for (boolean expanded : new boolean[]{false, true}) {
                robot.interact(() -> pane.setExpanded(expanded));
                WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                String where = theme.id() + (expanded ? ", details shown: " : ": ");
                problems.addAll(fx(() -> LayoutProblems.lowContrast(pane, 4.5)).stream().map(p -> where + p).toList());
                problems.addAll(fx(() -> LayoutProblems.of(pane)).stream().map(p -> where + p).toList());
            }
            robot.interact(() -> {
                pane.getScene().getWindow().hide();
                owner.get().hide();
            });
            assertThat(problems).as("texts hard to read or cut in the %s theme's dialog", theme.id()).isEmpty();
        }
    }

    private static DialogPane dialogPane() {
        return javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
                .map(w -> w.getScene() == null ? null : w.getScene().getRoot().lookup(".dialog-pane"))
                .filter(n -> n instanceof DialogPane).map(n -> (DialogPane) n).findFirst().orElse(null);
    }

    /** Shows the tabs, lets the window lay them out, and lists what does not fit. */
    private List<String> check(Workbench w, String where, int centerTab, int sideTab) throws Exception {
        robot.interact(() -> {
            w.view().centerTabs().getSelectionModel().select(centerTab);
            w.view().sideTabs().getSelectionModel().select(sideTab);
        });
        // a few pulses: the chart adds a series per frame, cells come after the first layout
        for (int i = 0; i < 4; i++) {
            WaitForAsyncUtils.sleep(60, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return fx(() -> LayoutProblems.of(w.stage().getScene().getRoot(), "classList", "duplicateGroups")).stream()
                .map(p -> where + ": " + p).toList();
    }

    private void resize(Workbench w, int width, int height) throws Exception {
        robot.interact(() -> {
            w.stage().setWidth(width);
            w.stage().setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.stage().getScene().getWidth())).isEqualTo(width);
        assertThat(fx(() -> w.stage().getScene().getHeight())).isEqualTo(height);
    }

    private static boolean inspectorShows(WorkbenchViewModels vms, SampleItem item) {
        return vms.inspector().titleProperty().get().equals(item.relativePath())
                && vms.inspector().originalProperty().get() != null && !vms.inspector().loadingProperty().get();
    }

    private static SampleItem item(WorkbenchViewModels vms, String relativePath) throws Exception {
        return fx(() -> vms.main().getSession().item(relativePath));
    }

    /**
     * {@link Datasets#small} with three more classes, as many as muxspace has: two of the usual (longer) names, and one
     * longer than the class list is wide.
     */
    static Path sixClasses(Path root) throws Exception {
        Datasets.small(root);
        for (String name : List.of("happiness", "surprise", "sadness_and_disappointment_in_the_lab")) {
            Path to = Files.createDirectories(root.resolve(name));
            try (var files = Files.list(root.resolve("anger"))) {
                for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName().toString().replace("anger", name)));
            }
        }
        return root;
    }

    private Workbench show(Path home, RecordingDialogs dialogs, int width, int height) {
        UiPreferences prefs = UiPreferences.load(home);
        prefs.windowWidth = width;
        prefs.windowHeight = height;
        return windows.show(home, prefs, dialogs, new FakeFaces(), config -> PreparePipeline.standard(new DetectionCache(null)), true);
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return Windows.fx(action);
    }

    private static void waitUntil(String what, Callable<Boolean> condition, int seconds) {
        Windows.waitUntil(what, condition, seconds);
    }
}
