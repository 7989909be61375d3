package org.ferworkbench.ui.common;

import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.ferworkbench.core.curation.Pacer;

/**
 * Knows when the user is busy with the window (scrolling, dragging, typing) and makes background work wait until
 * they pause, so on a machine with few cores the thumbnails and the JavaFX thread get the processor first. A
 * background task waits at most a few seconds at a time, so it always progresses.
 */
public final class UserActivity implements Pacer {
    private static final long QUIET_NANOS = 400_000_000L;
    private static final long MAX_WAIT_NANOS = 3_000_000_000L;

    private volatile long lastActive;

    /** Notes activity now (any thread). */
    public void mark() {
        lastActive = System.nanoTime();
    }

    /** Marks activity on scrolling, dragging, clicks and keys in the scene. */
    public void watch(Scene scene) {
        EventHandler<InputEvent> mark = e -> mark();
        scene.addEventFilter(ScrollEvent.ANY, mark);
        scene.addEventFilter(MouseEvent.MOUSE_DRAGGED, mark);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, mark);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, mark);
    }

    @Override
    public boolean busy() {
        return System.nanoTime() - lastActive < QUIET_NANOS;
    }

    @Override
    public void yieldIfBusy() throws InterruptedException {
        long start = System.nanoTime();
        while (busy() && System.nanoTime() - start < MAX_WAIT_NANOS) {
            Thread.sleep(50);
        }
    }
}
