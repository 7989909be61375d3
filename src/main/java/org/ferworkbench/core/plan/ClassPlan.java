package org.ferworkbench.core.plan;

import java.util.Map;

/**
 * One class through the export, stage by stage, as every front end shows it and summary.json records it: files
 * found, unreadable, the split, review rejections, images dropped by the face policy (per reason, per side), the
 * count balancing brings the train side to, the augmented copies that takes, and the final rows per split.
 * {@code unchecked} counts images the plan assumed fine because they have not been read yet (the app, mid-check).
 * {@code inDuplicateGroups} counts the class's usable images that have a duplicate (in any class), and
 * {@code labelConflicts} those left out because a duplicate sits in another class (with label conflicts dropped).
 * {@code wholeImageTest} counts test images without a face that are exported whole ({@code --test-faces
 * whole-image-if-none}); they are part of {@code finalTest}.
 */
public record ClassPlan(String name, int label, int original, int unreadable, int unchecked, int trainSplit, int testSplit,
                        int rejected, Map<String, Integer> droppedTrain, Map<String, Integer> droppedTest,
                        int balanceTarget, int trainOriginals, int copies, int finalTrain, int finalTest,
                        int inDuplicateGroups, int labelConflicts, int wholeImageTest) {
    public ClassPlan {
        droppedTrain = Map.copyOf(droppedTrain);
        droppedTest = Map.copyOf(droppedTest);
    }

    public int droppedTrainTotal() {
        return droppedTrain.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int droppedTestTotal() {
        return droppedTest.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Share of the class's split images that went to test (0 when none was split). */
    public double testShare() {
        int split = trainSplit + testSplit;
        return split == 0 ? 0 : (double) testSplit / split;
    }

    /** Train rows after balancing, before the face stage could lose a copy (the plan's final train). */
    public int balancedTrain() {
        return trainOriginals + copies;
    }
}
