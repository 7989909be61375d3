package org.ferworkbench.core.image;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory that decodes in flight may use together, shared by every thread of the process, so that the peak stays
 * bounded whatever the thread count: a decode takes its estimate before it starts and gives it back when its pixels
 * have been copied out. Small photos never wait (a budget holds dozens of 12 MP decodes); large ones queue.
 *
 * <p>A request larger than the whole budget takes the whole budget: that image still decodes, alone. Waiting is
 * first come, first served (a fair semaphore), so a stream of small decodes cannot starve a large one. A waiting
 * thread that is interrupted (pipelines interrupt their workers when they fail or are cancelled) stops waiting with
 * a {@link CancellationException}, which is how the pipelines already report an interrupted run.
 *
 * <p>The budget covers decoding only; images the pipeline holds afterwards are its own blocks' business.
 */
public final class DecodeBudget {
    /** Below this a budget would serialise even ordinary photos (a 12 MP decode needs about 120 MB). */
    static final long MIN_CAPACITY = 256L << 20;
    /**
     * Most of a decode's memory is native (OpenCV's Mats), which -Xmx does not bound, so the budget is capped in
     * absolute terms too: 1 GiB lets eight 12 MP photos decode at once, more than the cores that could use them.
     */
    static final long MAX_CAPACITY = 1L << 30;

    private static final DecodeBudget SHARED = new DecodeBudget(defaultCapacity(Runtime.getRuntime().maxMemory()));

    /** Permits are KiB, so a semaphore's int counts up to 2 TiB. */
    private final Semaphore kibibytes;
    private final int capacityKib;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong grants = new AtomicLong();

    DecodeBudget(long capacityBytes) {
        this.capacityKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacityBytes >> 10));
        this.kibibytes = new Semaphore(capacityKib, true);
    }

    /** The one budget of this process, which every {@link ImageCodec} shares. */
    public static DecodeBudget shared() {
        return SHARED;
    }

    /**
     * Half the maximum heap (a third of a decode's memory is the Java pixel array, and the pipeline's blocks of
     * decoded images need the rest of the heap), at least {@link #MIN_CAPACITY} and at most {@link #MAX_CAPACITY}.
     */
    static long defaultCapacity(long maxHeap) {
        return Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, maxHeap / 2));
    }

    public long capacityBytes() {
        return (long) capacityKib << 10;
    }

    /**
     * Waits until {@code bytes} (or the whole budget, if that is less) are free and takes them; close the lease to
     * give them back.
     *
     * @throws CancellationException when the thread is interrupted while waiting (its interrupt flag stays set)
     */
    public Lease acquire(long bytes) {
        int kib = (int) Math.max(1, Math.min(capacityKib, (bytes + 1023) >> 10));
        try {
            kibibytes.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        }
        long now = inUse.addAndGet((long) kib << 10);
        peak.accumulateAndGet(now, Math::max);
        grants.incrementAndGet();
        return new Lease(kib);
    }

    /** The most ever held at once (for tests and benchmarks). */
    long peakBytes() {
        return peak.get();
    }

    /** How many leases were granted: a refused image never gets one. */
    long grants() {
        return grants.get();
    }

    /** Bytes taken from a budget; closing gives them back (once). */
    public final class Lease implements AutoCloseable {
        private final int kib;
        private boolean closed;

        private Lease(int kib) {
            this.kib = kib;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            // counted down before the permits go back, so the peak never counts a successor's bytes twice
            inUse.addAndGet(-((long) kib << 10));
            kibibytes.release(kib);
        }
    }
}
