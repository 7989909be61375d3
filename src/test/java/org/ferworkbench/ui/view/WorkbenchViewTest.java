package org.ferworkbench.ui.view;

import javafx.scene.chart.XYChart;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.GridCell;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.ferworkbench.ui.browser.ClassRow;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window under Monocle (headless), driven with mouse and keyboard: open a dataset, pick a class and an
 * image, reject it with R, see the class counts, the badge and the chart change, restart the workbench and find
 * the decision, change settings, export and read the arrays back.
 */
class WorkbenchViewTest {
    @TempDir
    Path dir;

    @RegisterExtension
    static final Windows windows = new Windows();
    private final FxRobot robot = windows.robot();

    private Workbench show(Path home, RecordingDialogs dialogs, FacePreviewService faces, boolean besideAllowed) {
        return windows.show(home, null, dialogs, faces,
                config -> PreparePipeline.standard(new org.ferworkbench.core.face.DetectionCache(null)), besideAllowed);
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    private void waitUntil(String what, Callable<Boolean> condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            windows.saveScreens(what);
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    @Test
    void generatedDataset() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        walkThrough(data, "fear", new FakeFaces(), true);
    }

    @Test
    void muxspaceDataset() throws Exception {
        Path data = TestData.sharedDataOrSkip("muxspace_fer6");
        // the real MTCNN (detections cached in memory only, not in the user's cache folder)
        FacePreviewService mtcnn = new org.ferworkbench.ui.face.MtcnnFacePreviewService(p -> org.ferworkbench.core.face.MtcnnModels.shared(),
                org.ferworkbench.core.facestage.FaceStages.standard(new org.ferworkbench.core.face.DetectionCache(null)));
        walkThrough(data, "fear", mtcnn, false);
    }

    private void walkThrough(Path data, String className, FacePreviewService faces, boolean besideAllowed) throws Exception {
        Path home = dir.resolve("home");
        RecordingDialogs dialogs = new RecordingDialogs();
        Workbench w = show(home, dialogs, faces, besideAllowed);
        WorkbenchViewModels vms = w.viewModels();

        // open through the welcome pane (the folder chooser answers with the dataset)
        dialogs.directoryAnswer = data;
        robot.clickOn("#welcomeOpen");
        waitUntil("the dataset", () -> vms.main().getSession() != null, 60);
        waitUntil("the class list", () -> robot.lookup("#classList .list-cell").queryAll().stream()
                .anyMatch(c -> c instanceof ListCell<?> l && l.getItem() instanceof ClassRow r && r.className().equals(className)), 10);

        // select the class by clicking it (the rows are refreshed as checks arrive: look the cell up just before)
        for (int attempt = 0; attempt < 5 && !className.equals(vms.browser().selectedClassProperty().get()); attempt++) {
            robot.lookup("#classList .list-cell").queryAll().stream().map(n -> (ListCell<?>) n)
                    .filter(l -> l.getItem() instanceof ClassRow r && r.className().equals(className)).findFirst()
                    .ifPresent(robot::clickOn);
            WaitForAsyncUtils.waitForFxEvents();
        }
        waitUntil("the class selected", () -> className.equals(vms.browser().selectedClassProperty().get()), 10);
        waitUntil("the class's images", () -> !vms.browser().visibleItems().isEmpty()
                && vms.browser().visibleItems().get(0).sample().className().equals(className), 10);
        // the background check: finished (fake detector), or paused (MTCNN on every image would take a while), so the
        // counts below only change because of the review
        if (faces instanceof FakeFaces) {
            waitUntil("the checks", () -> vms.main().backgroundTextProperty().get().matches("[0-9,]+ images? checked: .*one face.*"), 60);
        } else {
            robot.interact(() -> vms.main().cancelChecks());
            waitUntil("the checks to pause", () -> !vms.main().backgroundRunningProperty().get(), 30);
        }
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // the split estimate (for choosing a test image) and thumbnails on screen
        waitUntil("the distribution", () -> vms.main().getSession().planProperty().get() != null, 30);
        waitUntil("thumbnails", () -> robot.lookup(".thumbnail-cell .image-view").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.image.ImageView) n).getImage() != null), 20);

        // click an image that is in the test split and readable
        SampleItem target = fx(() -> pickTestImage(vms));
        GridCell<?> cell = cellOf(target);
        robot.clickOn(cell);
        waitUntil("the inspector", () -> vms.inspector().titleProperty().get().equals(target.relativePath())
                && vms.inspector().originalProperty().get() != null && !vms.inspector().loadingProperty().get(), 60);
        assertThat(robot.lookup("#sha256").queryAs(Label.class).getText()).hasSize(64);
        // a test image is never augmented: no augmented copies shown
        assertThat(robot.lookup("#variants").queryAs(javafx.scene.layout.FlowPane.class).isVisible()).isFalse();
        // faces drawn over the original (the fake detector finds one in mid-grey images, MTCNN one in these photos)
        waitUntil("faces", () -> !vms.inspector().detections().isEmpty(), 90);

        int finalTestBefore = finalTest(vms, className);
        Number chartBefore = barValue(w, "Final test", className);
        assertThat(chartBefore.intValue()).isEqualTo(finalTestBefore);

        // reject with the keyboard
        robot.type(KeyCode.R);
        waitUntil("the rejection", () -> target.getStatus() == SampleStatus.REJECTED, 5);
        waitUntil("the class count", () -> vms.browser().classes().stream()
                .anyMatch(r -> r.className().equals(className) && r.rejected() == 1), 5);
        waitUntil("the rejected badge", () -> cellOf(target).lookup(".status-rejected") != null
                && cellOf(target).lookup(".status-rejected").isVisible(), 5);
        assertThat(classCellText(className)).contains("1 rejected");
        waitUntil("the chart", () -> barValue(w, "Final test", className).intValue() == finalTestBefore - 1, 10);

        // arrows move; U undoes; R again
        SampleItem before = vms.browser().getSelectedItem();
        robot.type(KeyCode.RIGHT);
        waitUntil("the next image", () -> vms.browser().getSelectedItem() != before, 5);
        robot.type(KeyCode.U);
        waitUntil("undo", () -> target.getStatus() != SampleStatus.REJECTED && vms.browser().getSelectedItem() == target, 5);
        robot.type(KeyCode.R);
        waitUntil("the second rejection", () -> target.getStatus() == SampleStatus.REJECTED, 5);

        // the chart can be saved as PNG
        Path png = dir.resolve("chart.png");
        dialogs.saveAnswer = png;
        robot.clickOn("#distributionTab");
        robot.clickOn("#saveChart");
        waitUntil("the chart file", () -> Files.exists(png) && Files.size(png) > 1000, 10);
        robot.clickOn("#imagesTab");

        // restart: a new workbench over the same home finds the dataset in the recent list and the decision in it
        robot.interact(() -> {
            w.close();
            w.stage().hide();
        });
        // window size and layout are remembered
        waitUntil("the preferences", () -> Files.exists(UiPreferences.file(home)), 5);
        UiPreferences remembered = UiPreferences.load(home);
        assertThat(remembered.dividers.get("main")).hasSize(2);
        assertThat(remembered.windowWidth).isGreaterThan(900);
        assertThat(remembered.recentDatasets).containsExactly(data.toAbsolutePath().normalize().toString());
        Workbench again = show(home, dialogs, FacePreviewService.unavailable("not needed after the restart"), besideAllowed);
        WorkbenchViewModels vms2 = again.viewModels();
        robot.clickOn(robot.lookup(".hyperlink").queryAllAs(Hyperlink.class).stream()
                .filter(h -> h.getText().startsWith(data.getFileName().toString())).findFirst().orElseThrow());
        waitUntil("the dataset again", () -> vms2.main().getSession() != null, 60);
        SampleItem kept = vms2.main().getSession().item(target.relativePath());
        assertThat(kept.getStatus()).isEqualTo(SampleStatus.REJECTED);
        assertThat(kept.decision().reason()).isNotNull();

        // settings through the form: a bad value is explained, a good one taken
        robot.clickOn("#settingsTab");
        TextField seed = robot.lookup("#seed").queryAs(TextField.class);
        robot.interact(() -> seed.setText("forty-two"));
        waitUntil("the seed error", () -> robot.lookup("#error-SEED").queryAs(Label.class).isVisible(), 5);
        assertThat(robot.lookup("#error-SEED").queryAs(Label.class).getText()).contains("whole number");
        // until it is fixed, Export is off in the tool bar and the Export tab, and says why beside the button
        waitUntil("export off", () -> robot.lookup("#exportButton").queryButton().isDisabled(), 5);
        assertThat(robot.lookup("#exportStart").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#exportBlocked").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#exportBlocked").queryAs(Label.class).getText())
                .isEqualTo("Fix the settings to export: Seed must be a whole number, e.g. 42, got 'forty-two'.");
        robot.interact(() -> {
            seed.setText("42");
            robot.lookup("#outputSize").queryAs(TextField.class).setText("48");
            vms2.settings().dtype.set(org.ferworkbench.core.export.OutputDtype.UINT8);
        });
        robot.clickOn("#detectFaces");
        waitUntil("the settings", () -> !vms2.main().getSession().config().detectFaces()
                && vms2.main().getSession().config().outputSize() == 48, 5);
        assertThat(robot.lookup("#exportBlocked").queryAs(Label.class).isVisible()).isFalse();

        // one-click export into a folder chosen once; the arrays read back
        Path exports = Files.createDirectories(dir.resolve("exports"));
        dialogs.directoryAnswer = exports;
        robot.clickOn("#exportButton");
        waitUntil("the export", () -> vms2.export().reportProperty().get() != null, 120);
        assertThat(dialogs.errors).isEmpty();
        Path out = vms2.export().reportProperty().get().output();
        assertThat(out).isEqualTo(exports.resolve(data.getFileName() + "-export"));
        NpyFile x = NpyFile.read(out.resolve("x_test.npy"));
        NpyFile y = NpyFile.read(out.resolve("y_test.npy"));
        assertThat(x.descr()).isEqualTo("|u1");
        assertThat(x.shape()).containsExactly(y.shape()[0], 48, 48, 3);
        int label = vms2.main().getSession().dataset().classNames().indexOf(className);
        // the export's plan, not the one on screen before: with MTCNN the background check was paused, and images not
        // read yet have no fingerprint, so their duplicate groups (and with them the split) were not known then
        assertThat(y.labelCounts()[label]).isEqualTo(vms2.export().reportProperty().get().plan().classes().get(label).finalTest());
        NpyFile yTrain = NpyFile.read(out.resolve("y_train.npy"));
        int[] trainCounts = yTrain.labelCounts();
        assertThat(trainCounts).containsOnly(trainCounts[0]);
        assertThat(Files.readString(out.resolve("manifest.csv"))).contains(target.relativePath());
        assertThat(robot.lookup("#exportResult").queryAs(Label.class).getText()).startsWith("Exported ");

        // and the dark theme
        robot.clickOn("#themeToggle");
        assertThat(again.stage().getScene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
    }

    private static SampleItem pickTestImage(WorkbenchViewModels vms) {
        var estimate = vms.main().getSession().planProperty().get();
        return vms.browser().visibleItems().stream().limit(12)
                .filter(i -> estimate.splitOf().get(i.relativePath()) == SplitName.TEST)
                .filter(i -> i.getStatus() != SampleStatus.UNREADABLE)
                .findFirst().orElseThrow(() -> new AssertionError("no test image among the first thumbnails"));
    }

    private GridCell<?> cellOf(SampleItem item) {
        return robot.lookup(".thumbnail-cell").queryAll().stream().map(n -> (GridCell<?>) n)
                .filter(c -> c.getItem() == item && c.isVisible()).findFirst().orElseThrow();
    }

    private String classCellText(String className) {
        return robot.lookup("#classList .list-cell").queryAll().stream().map(n -> (ListCell<?>) n)
                .filter(l -> l.getItem() instanceof ClassRow r && r.className().equals(className))
                .map(l -> java.util.stream.Stream.of(".class-name", ".class-count", ".class-detail")
                        .map(sel -> l.lookup(sel)).filter(x -> x instanceof javafx.scene.text.Text)
                        .map(x -> ((javafx.scene.text.Text) x).getText()).reduce("", (a, b) -> a + " " + b))
                .findFirst().orElseThrow();
    }

    private static int finalTest(WorkbenchViewModels vms, String className) {
        return vms.distribution().rows().stream().filter(r -> r.name().equals(className)).findFirst().orElseThrow().finalTest();
    }

    private static Number barValue(Workbench w, String series, String className) {
        for (XYChart.Series<String, Number> s : w.view().distribution().chart().getData()) {
            if (!s.getName().equals(series)) continue;
            for (XYChart.Data<String, Number> d : s.getData()) {
                if (d.getXValue().equals(className)) return d.getYValue();
            }
        }
        return -1;
    }
}
