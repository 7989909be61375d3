package org.ferworkbench.core.image;

import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeBudgetTest {
    /**
     * Many threads asking for random amounts, some more than the whole budget: measured from outside, what they
     * hold at once never exceeds the budget, or the one oversized request that holds it alone.
     */
    @Test
    void threadsTogetherNeverHoldMoreThanTheBudget() throws Exception {
        long capacity = 10L << 20;
        DecodeBudget budget = new DecodeBudget(capacity);
        AtomicLong held = new AtomicLong();
        AtomicLong peakHeld = new AtomicLong();
        AtomicLong largest = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        long request = random.nextInt(10) == 0 ? capacity * 2 : (1 + random.nextInt(4)) << 20;
                        largest.accumulateAndGet(request, Math::max);
                        try (DecodeBudget.Lease lease = budget.acquire(request)) {
                            peakHeld.accumulateAndGet(held.addAndGet(request), Math::max);
                            Thread.onSpinWait();
                            held.addAndGet(-request);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(peakHeld.get()).isLessThanOrEqualTo(Math.max(capacity, largest.get()));
        assertThat(budget.peakBytes()).isLessThanOrEqualTo(capacity);
        assertThat(budget.grants()).isEqualTo(8 * 40);
    }

    /** Four threads decoding real images through the codec: the decodes in flight stay within the budget. */
    @Test
    void concurrentDecodesStayWithinTheBudget() throws Exception {
        byte[] png = TestData.png(TestData.image(1200, 1000, 4));   // about 12 MB of decode memory each
        long capacity = 30L << 20;
        DecodeBudget budget = new DecodeBudget(capacity);
        ImageCodec codec = new ImageCodec(budget);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RgbImage>> decoded = new ArrayList<>();
            for (int i = 0; i < 12; i++) decoded.add(pool.submit(() -> codec.decode(png)));
            for (Future<RgbImage> f : decoded) assertThat(f.get(60, TimeUnit.SECONDS).width()).isEqualTo(1200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.grants()).isEqualTo(12);
        assertThat(budget.peakBytes()).isLessThanOrEqualTo(capacity);
    }

    @Test
    void anImageLargerThanTheWholeBudgetStillDecodesAlone() throws Exception {
        DecodeBudget budget = new DecodeBudget(1L << 20);
        RgbImage image = new ImageCodec(budget).decode(TestData.png(TestData.image(600, 500, 2)));
        assertThat(image.width()).isEqualTo(600);
        assertThat(budget.peakBytes()).isEqualTo(budget.capacityBytes());
    }

    /** A cancelled pipeline interrupts its workers: one waiting for memory stops waiting, and nothing leaks. */
    @Test
    void aWaitingThreadCanBeInterrupted() throws Exception {
        DecodeBudget budget = new DecodeBudget(4L << 20);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread waiter;
        try (DecodeBudget.Lease all = budget.acquire(4L << 20)) {
            waiter = new Thread(() -> {
                try (DecodeBudget.Lease lease = budget.acquire(1L << 20)) {
                    outcome.set(new AssertionError("got memory that was all taken"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
                finished.countDown();
            });
            waiter.start();
            while (waiter.getState() != Thread.State.WAITING) Thread.sleep(1);
            waiter.interrupt();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
        try (DecodeBudget.Lease again = budget.acquire(4L << 20)) {
            assertThat(budget.grants()).as("the whole budget is free again").isEqualTo(2);
        }
    }

    @Test
    void closingALeaseTwiceGivesBackOnce() {
        DecodeBudget budget = new DecodeBudget(2L << 20);
        DecodeBudget.Lease lease = budget.acquire(2L << 20);
        lease.close();
        lease.close();
        try (DecodeBudget.Lease a = budget.acquire(2L << 20)) {
            assertThat(budget.peakBytes()).isEqualTo(2L << 20);
        }
    }

    @Test
    void defaultCapacityIsHalfTheHeapWithinBounds() {
        assertThat(DecodeBudget.defaultCapacity(2L << 30)).isEqualTo(1L << 30);
        assertThat(DecodeBudget.defaultCapacity(1L << 30)).isEqualTo(512L << 20);
        assertThat(DecodeBudget.defaultCapacity(128L << 20)).isEqualTo(DecodeBudget.MIN_CAPACITY);
        assertThat(DecodeBudget.defaultCapacity(64L << 30)).isEqualTo(DecodeBudget.MAX_CAPACITY);
    }
}
