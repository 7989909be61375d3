package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.split.SplitName;

import java.util.List;

/**
 * One image to produce: a source in a split, as it is (copy -1) or as its copy-th augmented copy, at an attempt.
 * A copy whose face keeps getting lost moves on to the next source of its class (pool) after maxAttempts
 * tries, so balancing still holds after detection; its seed then also names the planned source.
 */
record RenderJob(SplitName split, SourceImage source, int copy, int attempt, SourceImage planned,
                 List<SourceImage> pool) {

    static RenderJob original(SplitName split, SourceImage source) {
        return new RenderJob(split, source, -1, 0, source, List.of(source));
    }

    static RenderJob copy(SourceImage source, int copy, List<SourceImage> pool) {
        return new RenderJob(SplitName.TRAIN, source, copy, 0, source, pool);
    }

    boolean isCopy() {
        return copy >= 0;
    }

    boolean switchedSource() {
        return source != planned;
    }

    /** How many attempts this copy may make in all: maxAttempts per source, over up to 5 sources of its class. */
    int attemptBudget(int maxAttempts) {
        return maxAttempts * Math.min(5, pool.size());
    }

    RenderJob nextAttempt(int maxAttempts) {
        int next = attempt + 1;
        SourceImage s = source;
        if (next % maxAttempts == 0 && pool.size() > 1) {
            int start = pool.indexOf(planned);
            s = pool.get(Math.floorMod(start + next / maxAttempts, pool.size()));
        }
        return new RenderJob(split, s, copy, next, planned, pool);
    }
}
