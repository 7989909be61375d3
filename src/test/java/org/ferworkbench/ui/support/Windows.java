package org.ferworkbench.ui.support;

import javafx.stage.Stage;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.face.FacePreviewService;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real workbench windows a TestFX test opens: made on the FX thread, closed after the test, and any error the app
 * reports as unexpected fails the test there. A JUnit extension: {@code @RegisterExtension static final Windows
 * windows = new Windows();} registers the primary stage before the class's tests and closes the windows after each
 * (after the test's own {@code @AfterEach} methods).
 */
public final class Windows implements org.junit.jupiter.api.extension.BeforeAllCallback,
        org.junit.jupiter.api.extension.AfterEachCallback {
    private final FxRobot robot = new FxRobot();
    private final List<Workbench> opened = new ArrayList<>();
    private final List<Throwable> unexpected = new ArrayList<>();

    /** A workbench made (not shown) with these parts; {@code preferences} null loads the home's own. */
    public Workbench create(Path home, UiPreferences preferences, DialogService dialogs, FacePreviewService faces,
                            PipelineFactory pipelines, boolean besideAllowed) {
        UiPreferences prefs = preferences == null ? UiPreferences.load(home) : preferences;
        AtomicReference<Workbench> ref = new AtomicReference<>();
        robot.interact(() -> ref.set(Workbench.create(new Stage(), new Workbench.Options(home, prefs, p -> besideAllowed,
                s -> dialogs, faces, pipelines, unexpected::add), null)));
        opened.add(ref.get());
        return ref.get();
    }

    /** As {@link #create}, and shown. */
    public Workbench show(Path home, UiPreferences preferences, DialogService dialogs, FacePreviewService faces,
                          PipelineFactory pipelines, boolean besideAllowed) {
        Workbench w = create(home, preferences, dialogs, faces, pipelines, besideAllowed);
        robot.interact(() -> w.stage().show());
        return w;
    }

    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        closeAll();
    }

    /** Closes every window the test opened, then fails if the app reported an unexpected error. */
    public void closeAll() {
        for (Workbench w : opened) robot.interact(() -> {
            w.close();
            w.stage().hide();
        });
        opened.clear();
        assertThat(unexpected).isEmpty();
    }

    /** On a failure, what the windows showed (target/ui-test-failures/), to see why. */
    public void saveScreens(String what) {
        int n = 0;
        for (Workbench w : opened) {
            if (!w.stage().isShowing()) continue;
            try {
                var image = WaitForAsyncUtils.asyncFx(() -> w.stage().getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
                Path file = Path.of("target", "ui-test-failures", what.replaceAll("[^a-zA-Z0-9]+", "-") + "-" + n++ + ".png");
                java.nio.file.Files.createDirectories(file.getParent());
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            } catch (Exception ignored) {
                // the assertion says what went wrong; the picture is a bonus
            }
        }
    }

    public FxRobot robot() {
        return robot;
    }

    public static void waitUntil(String what, Callable<Boolean> condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** The value of {@code action}, run on the FX thread. */
    public static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }
}
