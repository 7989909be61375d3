package org.ferworkbench.ui.common;

import javafx.application.Platform;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.core.progress.ProgressListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs tasks on daemon worker threads and their handlers on the JavaFX thread. Progress is coalesced: however
 * fast the work reports, at most one progress update per task waits in the JavaFX queue, so a busy pipeline
 * cannot flood the UI thread. Tasks with a lane run one after another on that lane's own thread.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService workers;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Consumer<Throwable> unhandled;

    public FxTaskExecutor(int threads, Consumer<Throwable> unhandled) {
        this.workers = Executors.newFixedThreadPool(threads, daemon("worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ui-timer"));
        this.unhandled = unhandled;
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<ProgressEvent> latest = new AtomicReference<>();
        AtomicBoolean progressQueued = new AtomicBoolean();
        ProgressListener progress = event -> {
            latest.set(event);
            if (progressQueued.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    progressQueued.set(false);
                    ProgressEvent e = latest.get();
                    if (!done.get() && e != null) task.progressHandler().accept(e);
                });
            }
        };
        BackgroundTask.Context context = BackgroundTask.Context.of(cancellation, progress);
        Runnable body = () -> {
            try {
                T result = task.work().run(context);
                Platform.runLater(() -> finish(task, done, () -> {
                    if (cancellation.isCancelled()) task.cancelledHandler().run();
                    else task.successHandler().accept(result);
                }));
            } catch (CancellationException e) {
                Platform.runLater(() -> finish(task, done, task.cancelledHandler()));
            } catch (Throwable e) {
                Platform.runLater(() -> finish(task, done, () -> {
                    if (cancellation.isCancelled()) task.cancelledHandler().run();
                    else if (task.failureHandler() != null) task.failureHandler().accept(e);
                    else unhandled.accept(e);
                }));
            }
        };
        ExecutorService target = task.lane() == null ? workers
                : lanes.computeIfAbsent(task.lane(), l -> Executors.newSingleThreadExecutor(daemon("lane-" + l)));
        try {
            target.execute(body);
        } catch (RejectedExecutionException e) {
            return TaskHandle.DONE;   // shutting down
        }
        return TaskHandle.of(cancellation, done);
    }

    private static void finish(BackgroundTask<?> task, AtomicBoolean done, Runnable handler) {
        done.set(true);
        try {
            handler.run();
        } finally {
            task.finallyHandler().run();
        }
    }

    @Override
    public void runOnUiThread(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public TaskHandle schedule(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> f;
        try {
            f = timer.schedule(() -> Platform.runLater(() -> {
                if (!cancelled.get()) action.run();
            }), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return TaskHandle.DONE;   // shutting down
        }
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                f.cancel(false);
            }

            @Override
            public boolean isDone() {
                return f.isDone();
            }
        };
    }

    /** Waits (briefly) for lane work such as journal writes to finish, e.g. when the application closes. */
    public void drainLanes(Duration timeout) {
        lanes.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ExecutorService lane : lanes.values()) {
            try {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void shutdown() {
        workers.shutdown();
        timer.shutdownNow();
        lanes.values().forEach(ExecutorService::shutdown);
    }
}
