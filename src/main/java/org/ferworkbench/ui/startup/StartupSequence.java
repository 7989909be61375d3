package org.ferworkbench.ui.startup;

import javafx.application.Platform;
import javafx.scene.Scene;
import org.ferworkbench.StartupLog;
import org.ferworkbench.ui.common.Frames;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Everything the window does after its first frame, in one place. Before the first frame only the window's frame is
 * built (menu, tool bar, welcome page, status bar); then:
 * <ol>
 *   <li>the background work the composition root hands over starts (detector, thumbnail decoder, ...), and the
 *   classes the views need are loaded and linked on a worker ({@link ClassPreload}, the list {@code fx-classes.txt});
 *   </li>
 *   <li>samples of each kind of control are made, styled and laid out off screen ({@link ControlWarmup}): the first
 *   styling of a control kind is the expensive one;</li>
 *   <li>the views are built from the steps the main view hands over ({@link StepQueue}; forms a few nodes per step,
 *   see {@link Staged});</li>
 *   <li>the views' own warm-up steps run (stand-in rows behind the welcome page, so the first dataset does not make
 *   the first rows and cells).</li>
 * </ol>
 * One step per event, {@value #FRAMES_APART} frames apart: the first frame styles and lays out what the step added,
 * the second is free, so a step and its styling never fall between the same two frames. A dataset opening meanwhile
 * builds the views at once (the view steps are then gone) and the control samples stop. The milestones go to
 * {@link StartupLog} ({@code -Dfer.startupLog=true}; docs/startup-time.sh reads them).
 */
public final class StartupSequence {
    static final int FRAMES_APART = 2;

    private final Scene scene;
    private final Runnable background;
    private final StepQueue views;
    private final Supplier<List<Runnable>> warmUps;
    private boolean stopped;
    private boolean done;

    /**
     * @param scene      the window's scene, whose frames pace the steps
     * @param background started after the first frame, before the class preload (it should only start threads)
     * @param views      the steps that build the views; emptied by whoever builds them all at once
     * @param warmUps    asked once the views are built: their warm-up steps, each a step of its own
     */
    public StartupSequence(Scene scene, Runnable background, StepQueue views, Supplier<List<Runnable>> warmUps) {
        this.scene = scene;
        this.background = background;
        this.views = views;
        this.warmUps = warmUps;
    }

    /** Starts the sequence after the scene's first frame (call before the window shows). */
    public void start() {
        Frames.afterFrames(scene, 1, this::afterFirstFrame);
    }

    /** Stops at the next step (the window closes). */
    public void stop() {
        stopped = true;
    }

    /** True once every step has run (JavaFX thread). */
    public boolean done() {
        return done;
    }

    private void afterFirstFrame() {
        if (stopped) return;
        StartupLog.mark("background-start");
        // the classes the views need are read and verified on a worker first (that was most of the long frames)
        var preload = ClassPreload.start();
        background.run();
        preload.whenComplete((classes, failure) -> Platform.runLater(() -> {
            StartupLog.mark("classes-preloaded " + (failure != null ? failure : classes));
            if (stopped) return;
            StepQueue controls = new StepQueue(ControlWarmup.pieces(List.copyOf(scene.getStylesheets())));
            pace(controls, "control-sample", views::isEmpty, () -> afterGap(() -> {
                StartupLog.mark("controls-warmed-up");
                pace(views, "view-step", () -> false, () -> {
                    StartupLog.mark("views-built");
                    afterGap(this::warmUp);
                });
            }));
        }));
        StartupLog.mark("background-started");
    }

    private void warmUp() {
        pace(new StepQueue(warmUps.get()), "warm-up-step", () -> false, () -> {
            done = true;
            StartupLog.mark("warm-up-done");
        });
    }

    /**
     * Runs the next step now and the one after {@link #FRAMES_APART} frames later, and so on; runs {@code then} in
     * the event of the last step (or at once when none is left, or {@code skipRest} says the rest is not needed any
     * more). A phase that follows starts {@link #afterGap after a gap}.
     */
    private void pace(StepQueue steps, String milestone, BooleanSupplier skipRest, Runnable then) {
        if (stopped) return;
        if (skipRest.getAsBoolean()) steps.clear();
        if (steps.runNext()) StartupLog.mark(milestone);
        if (steps.isEmpty()) {
            then.run();
        } else {
            Frames.afterFrames(scene, FRAMES_APART, () -> pace(steps, milestone, skipRest, then));
        }
    }

    /** Runs the action {@link #FRAMES_APART} frames later, unless stopped meanwhile. */
    private void afterGap(Runnable action) {
        Frames.afterFrames(scene, FRAMES_APART, () -> {
            if (!stopped) action.run();
        });
    }
}
