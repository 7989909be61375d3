package org.ferworkbench.core.split;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to cut train from test. The test count of each class is round-half-up(testRatio * n), kept between 1
 * and n - 1 so both sides have every class. groupPattern (optional, null for none) is a regular expression
 * over the file name whose first capture group is the subject id (e.g. "^(S\\d+)_" for CK+): all images of a
 * subject then go to the same side. duplicates says whether groups of duplicate images (exact, and near within
 * nearDistance bits of their perceptual hash) are kept on one side; labelConflicts what happens to a group whose files
 * sit in different classes. groupBy IDENTITY keeps the faces of one person on one side: faces whose descriptors lie
 * closer than identityThreshold are linked and clustered.
 */
public record SplitParameters(double testRatio, String groupPattern, DuplicateHandling duplicates, int nearDistance,
                              LabelConflicts labelConflicts, GroupBy groupBy, double identityThreshold) {
    public static final SplitParameters DEFAULTS = new SplitParameters(0.25, null);

    public SplitParameters {
        checkTestRatio(testRatio);
        groupPattern = checkGroupPattern(groupPattern);
        if (duplicates == null) duplicates = DuplicateHandling.GROUP;
        checkNearDistance(nearDistance);
        if (labelConflicts == null) labelConflicts = LabelConflicts.TOGETHER;
        if (groupBy == null) groupBy = GroupBy.NONE;
        org.ferworkbench.core.identity.IdentityClusters.checkThreshold(identityThreshold);
    }

    public SplitParameters(double testRatio, String groupPattern, DuplicateHandling duplicates, int nearDistance,
                           LabelConflicts labelConflicts) {
        this(testRatio, groupPattern, duplicates, nearDistance, labelConflicts, GroupBy.NONE,
                org.ferworkbench.core.identity.IdentityClusters.DEFAULT_THRESHOLD);
    }

    /** Duplicates grouped with the default distance, label conflicts kept together. */
    public SplitParameters(double testRatio, String groupPattern) {
        this(testRatio, groupPattern, DuplicateHandling.GROUP, org.ferworkbench.core.duplicates.DuplicateFinder.DEFAULT_MAX_DISTANCE,
                LabelConflicts.TOGETHER);
    }

    public SplitParameters withDuplicates(DuplicateHandling d) {
        return new SplitParameters(testRatio, groupPattern, d, nearDistance, labelConflicts, groupBy, identityThreshold);
    }

    public SplitParameters withGroupBy(GroupBy g) {
        return new SplitParameters(testRatio, groupPattern, duplicates, nearDistance, labelConflicts, g, identityThreshold);
    }

    /** Whether the split needs a descriptor of every source face. */
    public boolean needsIdentities() {
        return groupBy == GroupBy.IDENTITY;
    }

    /** The rule for the near-duplicate distance: 0 (exact duplicates only) to 16 bits of the 64-bit hash. */
    public static void checkNearDistance(int nearDistance) {
        if (nearDistance < 0 || nearDistance > 16) {
            throw new IllegalArgumentException("near-duplicate distance must be between 0 (exact duplicates only) and 16, got "
                    + nearDistance);
        }
    }

    /** The rule for the test ratio (the settings builder checks user input with it too). */
    public static void checkTestRatio(double testRatio) {
        if (!(testRatio > 0 && testRatio < 1)) {
            throw new IllegalArgumentException("test ratio must be between 0 and 1 (exclusive), got " + testRatio);
        }
    }

    /** The rule for the group pattern: null or blank for none, else a valid regular expression with a group 1. */
    public static String checkGroupPattern(String groupPattern) {
        if (groupPattern == null || groupPattern.isBlank()) return null;
        try {
            if (Pattern.compile(groupPattern).matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("group pattern needs a capture group for the subject id, e.g. ^(S\\d+)_");
            }
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("group pattern is not a valid regular expression: " + e.getDescription());
        }
        return groupPattern;
    }

    public int testCount(int classSize) {
        if (classSize < 2) return 0;
        long t = Math.round(testRatio * classSize);
        return (int) Math.max(1, Math.min(classSize - 1, t));
    }
}
