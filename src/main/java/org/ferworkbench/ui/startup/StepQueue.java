package org.ferworkbench.ui.startup;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Steps that build or warm up part of the window, each small enough for one frame. The {@link StartupSequence} runs
 * them one at a time, a few frames apart; whoever needs what they build at once (a dataset opening before the views
 * are built) runs the rest in one go with {@link #runAll()}. A step may put further steps at the head of the queue
 * (e.g. a form's rows, see {@link Staged}). JavaFX thread only.
 */
public final class StepQueue {
    private final ArrayDeque<Runnable> steps = new ArrayDeque<>();

    public StepQueue() { }

    public StepQueue(List<Runnable> steps) {
        this.steps.addAll(steps);
    }

    /** Adds a step at the end. */
    public void add(Runnable step) {
        steps.add(step);
    }

    /** Puts these steps at the head of the queue, in their order (to run before the ones already waiting). */
    public void addNext(List<Runnable> next) {
        for (int i = next.size() - 1; i >= 0; i--) steps.addFirst(next.get(i));
    }

    /** Runs the next step; false when none was left. */
    public boolean runNext() {
        Runnable step = steps.poll();
        if (step == null) return false;
        step.run();
        return true;
    }

    /** Runs every step left, including those the steps add. */
    public void runAll() {
        while (runNext()) {
            // next step
        }
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Drops the steps left. */
    public void clear() {
        steps.clear();
    }
}
