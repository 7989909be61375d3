package org.ferworkbench.ui.view;

import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up order (issue 5): the window's frame (menu, tool bar, welcome page, status bar) is all that is built before
 * the window shows; the dataset views and the face detector's loading come after its first frame; opening a
 * dataset before then builds the views first.
 */
class WorkbenchStartTest {
    @TempDir
    Path dir;

    @RegisterExtension
    static final Windows windows = new Windows();
    private final FxRobot robot = windows.robot();

    /** Records when the workbench asks the detector to start loading. */
    private static final class StartRecordingFaces implements FacePreviewService {
        final AtomicBoolean started = new AtomicBoolean();
        private final FacePreviewService none = FacePreviewService.unavailable("a test");

        @Override
        public void start() {
            started.set(true);
        }

        @Override
        public State state() {
            return none.state();
        }

        @Override
        public String stateMessage() {
            return none.stateMessage();
        }

        @Override
        public void addStateListener(Runnable listener) { }

        @Override
        public String detectorKey(org.ferworkbench.core.settings.PrepareConfig config) {
            return null;
        }

        @Override
        public List<List<org.ferworkbench.core.face.FaceDetection>> detect(List<org.ferworkbench.core.facestage.FaceRequest> images,
                                                                          org.ferworkbench.core.settings.PrepareConfig config) {
            throw new IllegalStateException(stateMessage());
        }

        @Override
        public org.ferworkbench.ui.face.FacePreview preview(org.ferworkbench.core.facestage.FaceRequest image,
                                                            org.ferworkbench.core.settings.PrepareConfig config,
                                                            org.ferworkbench.core.split.SplitName split) {
            throw new IllegalStateException(stateMessage());
        }
    }

    private Workbench create(FacePreviewService faces) {
        return windows.create(dir.resolve("home"), null, new RecordingDialogs(), faces,
                config -> PreparePipeline.withoutDetection(), true);
    }

    @Test
    void theFrameShowsFirstAndTheRestFollowsAfterItsFirstFrame() throws Exception {
        StartRecordingFaces faces = new StartRecordingFaces();
        Workbench w = create(faces);
        boolean[] before = new boolean[3];
        robot.interact(() -> {
            before[0] = w.view().viewsBuilt();
            before[1] = w.view().root().lookup("#thumbnailGrid") != null;
            w.stage().show();
            // show() lays the window out, but its first pulse has not come yet
            before[2] = faces.started.get();
        });
        assertThat(before[0]).as("dataset views built before the window shows").isFalse();
        assertThat(before[1]).as("grid in the scene before the window shows").isFalse();
        assertThat(before[2]).as("detector started before the first frame").isFalse();
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        assertThat(robot.lookup("#menuBar").tryQuery()).isPresent();
        assertThat(robot.lookup("#statusText").tryQuery()).isPresent();

        // (the order is tested, not the speed: the views follow the class preload and the warm-up, which on a loaded
        // two-core machine take several seconds)
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> faces.started.get() && w.view().viewsBuilt());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#thumbnailGrid").tryQuery()).isPresent();
        assertThat(robot.lookup("#sideTabs").tryQuery()).isPresent();
    }

    @Test
    void theWarmUpLeavesNoStandInsBehind() throws Exception {
        Workbench w = create(new FakeFaces());
        robot.interact(() -> w.stage().show());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> startupDone(w));
        robot.interact(() -> {
            var root = w.view().root();
            assertThat(root.lookup("#mainSplit").isVisible()).as("the views hidden again behind the welcome page").isFalse();
            assertThat(((javafx.scene.control.ListView<?>) root.lookup("#classList")).getItems()).isEmpty();
            assertThat(((org.controlsfx.control.GridView<?>) root.lookup("#thumbnailGrid")).getItems()).isEmpty();
            assertThat(((javafx.scene.control.TableView<?>) root.lookup("#distributionTable")).getItems()).isEmpty();
        });
    }

    private boolean startupDone(Workbench w) throws Exception {
        return WaitForAsyncUtils.asyncFx(w::startupDone).get(10, TimeUnit.SECONDS);
    }

    @Test
    void openingADatasetBeforeTheViewsAreBuiltBuildsThemFirst() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        Workbench w = create(new FakeFaces());
        robot.interact(() -> {
            w.viewModels().main().openDataset(data);
            assertThat(w.view().viewsBuilt()).isTrue();
            w.stage().show();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.viewModels().main().getSession() != null
                && robot.lookup("#classList .list-cell").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.ListCell<?>) n).getItem() != null));
        assertThat(w.view().centerTabs().getTabs()).hasSize(3);
    }
}
