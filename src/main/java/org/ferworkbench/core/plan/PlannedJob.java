package org.ferworkbench.core.plan;

import org.ferworkbench.core.split.SplitName;

import java.util.List;

/**
 * One row to render, in export order: a source as it is ({@code copy} -1) or its copy-th augmented copy. A copy
 * carries its class's train sources ({@code pool}, in plan order): when its face is lost the renderer re-draws it
 * from the next of them, so the class keeps its planned count. Every seed derives from the run seed, the source's
 * path, the copy index and the attempt, so the job alone fixes the pixels.
 */
public record PlannedJob(SplitName split, SourceFacts source, int copy, List<SourceFacts> pool) {
    public boolean isCopy() {
        return copy >= 0;
    }
}
