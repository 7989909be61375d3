package org.ferworkbench.ui.common;

import org.ferworkbench.core.progress.Cancellation;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** Runs every task at once on the calling thread: ViewModel tests need no JavaFX thread and no waiting. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final Consumer<Throwable> unhandled;

    public CurrentThreadTaskExecutor() {
        this(e -> {
            throw new AssertionError("unhandled failure in a background task", e);
        });
    }

    public CurrentThreadTaskExecutor(Consumer<Throwable> unhandled) {
        this.unhandled = unhandled;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        BackgroundTask.Context context = BackgroundTask.Context.of(cancellation, task.progressHandler()::accept);
        try {
            T result = task.work().run(context);
            task.successHandler().accept(result);
        } catch (CancellationException e) {
            task.cancelledHandler().run();
        } catch (Exception | Error e) {
            if (task.failureHandler() != null) task.failureHandler().accept(e);
            else unhandled.accept(e);
        } finally {
            task.finallyHandler().run();
        }
        return TaskHandle.DONE;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }

    @Override
    public TaskHandle schedule(Duration delay, Runnable action) {
        action.run();
        return TaskHandle.DONE;
    }

    @Override
    public void shutdown() { }
}
