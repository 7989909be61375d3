package org.ferworkbench.ui.common;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Spreading work over frames. Platform.runLater alone does not promise a frame between two pieces of work (two
 * runnables posted in a row may run back to back), so these hook into the scene's pulses: one piece per frame
 * keeps every frame short.
 */
public final class Frames {
    private Frames() { }

    /** Runs the action at the start of the next frame of the scene (before its styling and layout), once. */
    public static void atNextFrame(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePreLayoutPulseListener(once[0]);
            action.run();
        };
        scene.addPreLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    /**
     * Runs the action, once and as its own event, after the given number of frames of the scene have been styled
     * and laid out while its window shows.
     */
    public static void afterFrames(Scene scene, int frames, Runnable action) {
        Runnable[] listener = new Runnable[1];
        int[] left = {frames};
        listener[0] = () -> {
            boolean showing = scene.getWindow() != null && scene.getWindow().isShowing();
            if (!showing || --left[0] > 0) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
