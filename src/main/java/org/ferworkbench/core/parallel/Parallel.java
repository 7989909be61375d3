package org.ferworkbench.core.parallel;

import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressTracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ordered parallel map: result i belongs to item i whatever the thread count, which keeps outputs
 * deterministic. Workers pull the next index, check cancellation per item and count progress.
 */
public final class Parallel {
    private final ExecutorService pool;
    private final int threads;

    public Parallel(ExecutorService pool, int threads) {
        this.pool = java.util.Objects.requireNonNull(pool, "pool");
        this.threads = Math.max(1, threads);
    }

    private Parallel() {
        this.pool = null;
        this.threads = 1;
    }

    /**
     * A pool of {@code threads} workers named {@code name-1, name-2, ...}; daemon threads, so a run that stops early
     * never keeps the JVM alive. The caller shuts it down.
     */
    public static ExecutorService daemonPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How many items run at once: the pool's workers, 1 inline. */
    public int threads() {
        return threads;
    }

    /** Runs every item on the calling thread, in order. */
    public static Parallel inline() {
        return new Parallel();
    }

    @FunctionalInterface
    public interface Task<I, O> {
        O apply(I item) throws Exception;
    }

    public <I, O> List<O> map(List<I> items, Task<I, O> task, Cancellation cancellation, ProgressTracker progress) {
        Object[] results = new Object[items.size()];
        if (pool == null) {
            for (int i = 0; i < items.size(); i++) {
                cancellation.throwIfCancelled();
                try {
                    results[i] = task.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new PipelineFailure(e);
                }
                if (progress != null) progress.advance(1);
            }
            @SuppressWarnings("unchecked")
            List<O> out = (List<O>) Arrays.asList(results);
            return out;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, Math.max(1, items.size()));
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < items.size()) {
                    cancellation.throwIfCancelled();
                    results[i] = task.apply(items.get(i));
                    if (progress != null) progress.advance(1);
                }
                return null;
            }));
        }
        Throwable failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
                next.set(items.size()); // stop the other workers early
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.set(items.size());
                failure = new CancellationException("Interrupted");
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new PipelineFailure(failure);
        @SuppressWarnings("unchecked")
        List<O> out = (List<O>) Arrays.asList(results);
        return out;
    }

    /**
     * Maps consecutive chunks of {@code chunkSize} items (the last one shorter) on the workers, one chunk a task, and
     * returns the chunks' results joined, one per item in item order: for work that goes in batches (a net's calls).
     * The chunks depend only on the items and the size, never on the thread count.
     */
    public <I, O> List<O> mapInChunks(List<I> items, int chunkSize, Task<List<I>, List<O>> task, Cancellation cancellation) {
        List<List<I>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunkSize) {
            chunks.add(items.subList(from, Math.min(items.size(), from + chunkSize)));
        }
        List<O> out = new ArrayList<>(items.size());
        for (List<O> chunk : map(chunks, task, cancellation, null)) out.addAll(chunk);
        return out;
    }

    /** A checked failure inside a worker, carried out of the pool. */
    public static final class PipelineFailure extends RuntimeException {
        public PipelineFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
