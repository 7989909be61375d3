package org.ferworkbench.ui.common;

/** A running (or finished) background task. */
public interface TaskHandle {
    TaskHandle DONE = new TaskHandle() {
        @Override
        public void cancel() { }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    /** Asks the work to stop (checked per image); its cancellation handler runs when it has. */
    void cancel();

    boolean isDone();
}
