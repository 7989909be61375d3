package org.ferworkbench.ui.common;

import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.core.progress.ProgressListener;

import java.util.function.Consumer;

/**
 * Work for a {@link TaskExecutor}: what to run off the UI thread, and what to do with the result, a failure, a
 * cancellation and progress on the UI thread. Built with chained setters; an optional lane runs tasks of the same
 * lane one after another (e.g. journal writes keep their order).
 */
public final class BackgroundTask<T> {

    /** The background part; checks the cancellation and reports progress through the context. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Context context) throws Exception;
    }

    /** Given to the work: its cancel flag, and a listener whose events reach {@link #onProgress} on the UI thread. */
    public interface Context {
        Cancellation cancellation();

        ProgressListener progress();

        static Context of(Cancellation cancellation, ProgressListener progress) {
            return new Context() {
                @Override
                public Cancellation cancellation() {
                    return cancellation;
                }

                @Override
                public ProgressListener progress() {
                    return progress;
                }
            };
        }
    }

    private final String title;
    private final Work<T> work;
    private Consumer<T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private Consumer<ProgressEvent> onProgress = e -> { };
    private Runnable onFinally = () -> { };
    private String lane;

    private BackgroundTask(String title, Work<T> work) {
        this.title = title;
        this.work = work;
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public static BackgroundTask<Void> run(String title, ThrowingRunnable action) {
        return new BackgroundTask<>(title, ctx -> {
            action.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public BackgroundTask<T> onSuccess(Consumer<T> c) {
        onSuccess = c;
        return this;
    }

    /** Without a failure handler, failures go to the executor's global handler. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> c) {
        onFailure = c;
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable r) {
        onCancelled = r;
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<ProgressEvent> c) {
        onProgress = c;
        return this;
    }

    /** Runs on the UI thread after success, failure or cancellation. */
    public BackgroundTask<T> onFinally(Runnable r) {
        onFinally = r;
        return this;
    }

    public BackgroundTask<T> lane(String name) {
        lane = name;
        return this;
    }

    public String title() {
        return title;
    }

    public String lane() {
        return lane;
    }

    public Work<T> work() {
        return work;
    }

    public Consumer<T> successHandler() {
        return onSuccess;
    }

    public Consumer<Throwable> failureHandler() {
        return onFailure;
    }

    public Runnable cancelledHandler() {
        return onCancelled;
    }

    public Consumer<ProgressEvent> progressHandler() {
        return onProgress;
    }

    public Runnable finallyHandler() {
        return onFinally;
    }
}
