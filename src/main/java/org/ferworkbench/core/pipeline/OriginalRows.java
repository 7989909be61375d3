package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceRead;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rows of the originals, resized in the read step from the pixels it decoded anyway, so that rendering an original
 * needs no second decoding. Only where the row is the resized whole image (no face detection): there it is exactly what
 * rendering would make of the same bytes, since the read step checked their SHA-256 and resizing depends on nothing else.
 *
 * <p>Why: without detection, decoding is the largest cost of the export (a 128x128 JPEG takes about as long as resizing
 * and augmenting together, docs/benchmarks.md), and every original was decoded twice, once to read and once to render.
 *
 * <p>Memory is bounded by a budget fixed at the start, never by the dataset: sources read once it is spent are decoded
 * again at render time, as before. Rows are kept outside the Java heap, in slabs of direct memory: kept on the heap (in
 * arrays of a row each, or in large arrays) they made G1 copy them, start a concurrent cycle for every large array and
 * grow the heap, which cost more than the decoding they spared (docs/benchmarks.md). A row costs no object of its own.
 */
final class OriginalRows {
    /** Rows per slab: 256 rows of 96x96x3 make a 7 MB array. */
    static final int SLAB_ROWS = 256;

    private final ImageResizer resizer;
    private final int size;
    private final int rowBytes;
    private final int capacity;
    private final List<ByteBuffer> slabs = new ArrayList<>();
    /** No more slabs: released, or direct memory ran out (guarded by {@code slabs}). */
    private boolean released;
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();
    private final Map<String, Integer> slotOf = new ConcurrentHashMap<>();

    /**
     * @param size        output width and height
     * @param budgetBytes pixels the rows may hold in all
     */
    OriginalRows(ImageResizer resizer, int size, long budgetBytes) {
        this.resizer = resizer;
        this.size = size;
        this.rowBytes = size * size * 3;
        this.capacity = (int) Math.min(Integer.MAX_VALUE, Math.max(0, budgetBytes / rowBytes));
    }

    /**
     * The budget of a process: at most 1 GB (FER2013's 29,689 originals at 96x96 take 820 MB), a quarter of the largest
     * heap, and a quarter of the memory free when the export starts. The rows live outside the heap, so {@code -Xmx}
     * alone does not bound them: the free memory (the container's, in a cgroup, e.g. a SLURM task's {@code --mem})
     * keeps them from pushing the process past its limit. The rest of the export needs a few hundred MB whatever the
     * dataset (docs/benchmarks.md).
     */
    static long defaultBudget() {
        long budget = Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long free = os.getFreeMemorySize();
            if (free > 0) budget = Math.min(budget, free / 4);
        }
        return budget;
    }

    int capacity() {
        return capacity;
    }

    /** Rows handed to rendering so far. */
    int taken() {
        return taken.get();
    }

    /** Keeps the row of a source just decoded, while the budget lasts (called from the read step's workers). */
    void keep(SourceRead read) {
        if (read.failure() != null || read.image() == null || used.get() >= capacity) return;
        int slot = used.getAndIncrement();
        if (slot >= capacity) return;
        ByteBuffer slab = slab(slot / SLAB_ROWS);
        if (slab == null) return;
        RgbImage row = resizer.resize(read.image(), size, size);
        slab.put((slot % SLAB_ROWS) * rowBytes, row.pixels());
        // published through the concurrent map: a reader that finds the slot sees the bytes written before it
        slotOf.put(key(read.source()), slot);
    }

    /** The kept row of a source, once (its slot is not reused), or null when it was not kept. */
    RgbImage take(SourceImage source) {
        Integer slot = slotOf.remove(key(source));
        if (slot == null) return null;
        ByteBuffer slab;
        synchronized (slabs) {
            slab = slot / SLAB_ROWS < slabs.size() ? slabs.get(slot / SLAB_ROWS) : null;
        }
        if (slab == null) return null;   // released
        taken.incrementAndGet();
        byte[] pixels = new byte[rowBytes];
        slab.get((slot % SLAB_ROWS) * rowBytes, pixels);
        return new RgbImage(size, size, pixels);
    }

    /**
     * Drops every row (rendering decodes from then on): the slabs' memory returns with the next collection, so a
     * workbench that exported keeps no gigabyte of rows until its heap happens to fill.
     */
    void release() {
        synchronized (slabs) {
            released = true;
            slabs.clear();
        }
        slotOf.clear();
    }

    /**
     * Slab {@code index}, or null once released or when direct memory ran out (rows are then decoded again, as beyond
     * the budget); absolute gets and puts of distinct rows need no lock.
     */
    private ByteBuffer slab(int index) {
        synchronized (slabs) {
            while (!released && slabs.size() <= index) {
                int rows = Math.min(SLAB_ROWS, capacity - slabs.size() * SLAB_ROWS);
                try {
                    slabs.add(ByteBuffer.allocateDirect(rows * rowBytes));
                } catch (OutOfMemoryError e) {
                    // -XX:MaxDirectMemorySize below the budget: keep what fits, decode the rest
                    released = true;
                }
            }
            return index < slabs.size() ? slabs.get(index) : null;
        }
    }

    /** Path and content: a row is only ever taken for the bytes it was made from. */
    private static String key(SourceImage source) {
        return source.sample().relativePath() + '\n' + source.sha256();
    }
}
