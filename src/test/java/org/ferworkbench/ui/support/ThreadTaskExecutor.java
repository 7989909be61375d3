package org.ferworkbench.ui.support;

import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs each task's work on its own thread and its handlers right after, on that thread (tests that need a task
 * still running, e.g. to cancel it; there is no UI thread to go back to). "UI" actions run at once.
 */
public final class ThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        AtomicBoolean done = new AtomicBoolean();
        Thread t = new Thread(() -> {
            BackgroundTask.Context ctx = BackgroundTask.Context.of(cancellation, task.progressHandler()::accept);
            try {
                T r = task.work().run(ctx);
                if (cancellation.isCancelled()) task.cancelledHandler().run();
                else task.successHandler().accept(r);
            } catch (CancellationException e) {
                task.cancelledHandler().run();
            } catch (Throwable e) {
                if (cancellation.isCancelled()) task.cancelledHandler().run();
                else if (task.failureHandler() != null) task.failureHandler().accept(e);
            } finally {
                task.finallyHandler().run();
                done.set(true);
            }
        }, "test-task");
        t.setDaemon(true);
        t.start();
        return TaskHandle.of(cancellation, done);
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
