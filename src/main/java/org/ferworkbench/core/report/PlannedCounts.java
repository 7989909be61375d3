package org.ferworkbench.core.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one class that the plan fixes before anything is rendered (the rest of a {@link ClassReport} is
 * filled in as rows are written). A value, so a shard can carry it to the merge.
 *
 * @param dropped files the plan drops, by reason (train and test)
 */
public record PlannedCounts(String className, int label, int found, int unreadable, int splitTrain, int splitTest,
                            int rejected, int trainOriginals, int plannedCopies, Map<String, Integer> dropped) {
    public PlannedCounts {
        // sorted: the same counts always read, and serialise, the same way
        dropped = java.util.Collections.unmodifiableMap(new TreeMap<>(dropped));
    }

    /**
     * Fresh reports for a plan's classes, in its order, each tallying augmentation as {@code config} renders it (in
     * detect-first order or without detection the rotation drawn is the rotation exported).
     */
    public static Map<String, ClassReport> reports(java.util.List<PlannedCounts> counts,
                                                   org.ferworkbench.core.settings.PrepareConfig config) {
        boolean alignedFirst = !config.detectFaces()
                || config.face().order() == org.ferworkbench.core.settings.PipelineOrder.DETECT_THEN_AUGMENT;
        Map<String, ClassReport> reports = new java.util.LinkedHashMap<>();
        for (PlannedCounts c : counts) {
            reports.put(c.className(), c.newReport(new AugmentationTally(config.augmentation(), alignedFirst)));
        }
        return reports;
    }

    /** A report with these counts and nothing exported yet. */
    public ClassReport newReport(AugmentationTally tally) {
        ClassReport r = new ClassReport(className, label, tally);
        r.found = found;
        r.unreadable = unreadable;
        r.splitTrain = splitTrain;
        r.splitTest = splitTest;
        r.rejected = rejected;
        r.trainOriginals = trainOriginals;
        r.plannedCopies = plannedCopies;
        dropped.forEach((reason, n) -> r.dropped.merge(reason, n, Integer::sum));
        return r;
    }
}
