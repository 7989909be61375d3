package org.ferworkbench.core.progress;

import java.util.concurrent.atomic.AtomicLong;

/** Counts work done by many threads for one stage and reports it at most every 100 ms (and at the end). */
public final class ProgressTracker {
    private static final long REPORT_INTERVAL_NANOS = 100_000_000L;

    private final String stage;
    private final long total;
    private final ProgressListener listener;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong();
    private final long start = System.nanoTime();

    public ProgressTracker(String stage, long total, ProgressListener listener) {
        this.stage = stage;
        this.total = total;
        this.listener = listener;
        listener.onProgress(new ProgressEvent(stage, 0, total, 0, -1));
    }

    public void advance(long n) {
        long now = System.nanoTime();
        long d = done.addAndGet(n);
        long last = lastReport.get();
        if (d >= total || (now - last >= REPORT_INTERVAL_NANOS && lastReport.compareAndSet(last, now))) {
            report(d, now);
        }
    }

    /** Reports the final count unless advance() already reported completion. */
    public void finish() {
        long d = done.get();
        if (d < total || total == 0) report(d, System.nanoTime());
    }

    public long done() {
        return done.get();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void report(long d, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = d / seconds;
        double left = rate > 0 && total > 0 ? Math.max(0, (total - d) / rate) : -1;
        listener.onProgress(new ProgressEvent(stage, d, total, rate, left));
    }
}
