package org.ferworkbench.core.report;

import java.util.Map;
import java.util.TreeMap;

/** Counts for one class through the pipeline, for the summary (CLI, UI, summary.json). */
public final class ClassReport {
    public final String className;
    public final int label;
    public int found;
    public int unreadable;
    public int splitTrain;
    public int splitTest;
    public int rejected;
    public int trainOriginals;
    public int plannedCopies;
    public int exportedTrain;
    public int exportedTest;
    /** Augmented copies whose face was lost and that were drawn again (study order), so the class keeps its count. */
    public int redrawn;
    /** Test images without a face exported whole (--test-faces whole-image-if-none): part of exportedTest. */
    public int wholeImageTest;
    public final Map<String, Integer> dropped = new TreeMap<>();
    /** What augmentation drew, exported and left after alignment for the class's copies. */
    public final AugmentationTally augmentation;

    public ClassReport(String className, int label, AugmentationTally augmentation) {
        this.className = className;
        this.label = label;
        this.augmentation = augmentation;
    }

    public void drop(String reason) {
        dropped.merge(reason, 1, Integer::sum);
    }

    public int droppedTotal() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
