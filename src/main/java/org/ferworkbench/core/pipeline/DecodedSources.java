package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded sources shared by the render jobs that use them, so a source is decoded once for many rows.
 * <ul>
 * <li>Within a block, every job of a source (its original, its copies, every retry of a copy whose face was lost)
 * shares one decoding, up to the block's budget; beyond it a source is simply decoded again.</li>
 * <li>From one block to the next, a source that a later block uses again is kept, up to a smaller budget. A small
 * class's few sources give many copies, spread over the training rows: FER2013's 410 disgust sources give 6,332 copies
 * over some 80 blocks, and each block decoded them again.</li>
 * </ul>
 * The pixels are the same either way (decoding is deterministic): only the work changes. Thread-safe during a block;
 * {@link #endBlock} runs between blocks.
 */
final class DecodedSources {
    private final SourceReader reader;
    private final long blockBudget;
    private final long keptBudget;
    /** The last block that uses each source used by more than one block. */
    private final Map<SourceImage, Integer> lastBlock;
    private final Map<SourceImage, SourceRead> block = new ConcurrentHashMap<>();
    private final AtomicLong blockBytes = new AtomicLong();
    /** Kept for later blocks; changed only between blocks. */
    private final Map<SourceImage, SourceRead> kept = new ConcurrentHashMap<>();
    private long keptBytes;
    private final AtomicInteger decodes = new AtomicInteger();

    private DecodedSources(SourceReader reader, long blockBudget, long keptBudget, Map<SourceImage, Integer> lastBlock) {
        this.reader = reader;
        this.blockBudget = blockBudget;
        this.keptBudget = keptBudget;
        this.lastBlock = lastBlock;
    }

    /** For rendering {@code blocks} in order (all of them, or a contiguous range: a shard). */
    static DecodedSources forBlocks(List<List<RenderJob>> blocks, SourceReader reader, long blockBudget, long keptBudget) {
        Map<SourceImage, Integer> first = new HashMap<>();
        Map<SourceImage, Integer> last = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            for (RenderJob job : blocks.get(b)) {
                first.putIfAbsent(job.source(), b);
                if (first.get(job.source()) != b) last.put(job.source(), b);
            }
        }
        return new DecodedSources(reader, blockBudget, keptBudget, last);
    }

    /** The source decoded, from this block's or the kept decodings where it is there. */
    SourceRead load(SourceImage source) {
        SourceRead known = kept.get(source);
        if (known != null) return known;
        known = block.get(source);
        if (known != null) return known;
        decodes.incrementAndGet();
        SourceRead loaded = reader.readPixels(source.sample());
        long size = bytes(loaded);
        if (blockBytes.addAndGet(size) <= blockBudget) {
            known = block.putIfAbsent(source, loaded);
            if (known != null) return known;
        } else {
            blockBytes.addAndGet(-size);
        }
        return loaded;
    }

    /**
     * After block {@code index} (whose jobs are {@code jobs}): forgets the kept sources no later block uses, keeps this
     * block's sources that a later block uses (in job order, while they fit the budget), and forgets the rest.
     */
    void endBlock(int index, List<RenderJob> jobs) {
        kept.entrySet().removeIf(e -> {
            boolean done = lastBlock.get(e.getKey()) <= index;
            if (done) keptBytes -= bytes(e.getValue());
            return done;
        });
        for (RenderJob job : jobs) {
            SourceRead read = block.get(job.source());
            Integer last = lastBlock.get(job.source());
            if (read == null || last == null || last <= index || kept.containsKey(job.source())) continue;
            if (keptBytes + bytes(read) > keptBudget) continue;
            kept.put(job.source(), read);
            keptBytes += bytes(read);
        }
        block.clear();
        blockBytes.set(0);
    }

    /** Sources decoded so far (not taken from a block's or the kept decodings). */
    int decodes() {
        return decodes.get();
    }

    private static long bytes(SourceRead read) {
        return read.image() == null ? 0 : read.image().pixels().length;
    }
}
