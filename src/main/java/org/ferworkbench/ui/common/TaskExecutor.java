package org.ferworkbench.ui.common;

import java.time.Duration;

/**
 * Where ViewModels send long work, so the UI thread only binds and renders. The application uses
 * {@link FxTaskExecutor} (worker threads, results on the JavaFX thread); tests use {@link CurrentThreadTaskExecutor}
 * (everything at once on the calling thread, no JavaFX needed).
 */
public interface TaskExecutor {
    <T> TaskHandle execute(BackgroundTask<T> task);

    /** Runs an action on the UI thread (later, unless already there in tests). */
    void runOnUiThread(Runnable action);

    /** Runs an action on the UI thread after a delay (for debouncing); cancel the handle to drop it. */
    TaskHandle schedule(Duration delay, Runnable action);

    /** Stops accepting work; lets running work finish in the background. */
    void shutdown();
}
