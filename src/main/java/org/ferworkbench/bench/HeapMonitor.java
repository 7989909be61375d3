package org.ferworkbench.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures heap during a benchmark from the collector's own reports: the peak of heap used (the heap is fullest
 * just before a collection, so the largest "before" over all collections, and what is in use at the end; includes
 * garbage not yet collected, so it depends on -Xmx), and the peak of heap used right after a collection. The latter
 * is not the live set: after a young collection G1's old generation still holds garbage that only a mixed or full
 * collection frees, so it overstates the live set, and by different amounts in different runs (a full collection's
 * figure, e.g. {@code jcmd <pid> GC.class_histogram}, gives the live set). Heap pools only. No sampling thread:
 * polling would cost CPU in the very run it measures.
 */
public final class HeapMonitor implements AutoCloseable {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Set<String> heapPools = new HashSet<>();

    public HeapMonitor() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        }
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            peakUsed.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
            peakAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // nothing to undo
                    }
                });
            }
        }
    }

    private long heapUsed(Map<String, MemoryUsage> byPool) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
            if (e.getValue() != null && heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        }
        return used;
    }

    public long peakUsedBytes() {
        return Math.max(peakUsed.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    public long peakAfterGcBytes() {
        return peakAfterGc.get();
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
