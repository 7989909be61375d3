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

    /** The handle of work that runs until {@code done} is set and stops when asked through {@code cancellation}. */
    static TaskHandle of(org.ferworkbench.core.progress.Cancellation cancellation, java.util.concurrent.atomic.AtomicBoolean done) {
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancellation.cancel();
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    /** Asks the work to stop (checked per image); its cancellation handler runs when it has. */
    void cancel();

    boolean isDone();
}
