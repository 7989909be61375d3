package org.ferworkbench.core.split;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to cut train from test. The test count of each class is round-half-up(testRatio * n), kept between 1
 * and n - 1 so both sides have every class. groupPattern (optional, null for none) is a regular expression
 * over the file name whose first capture group is the subject id (e.g. "^(S\\d+)_" for CK+): all images of a
 * subject then go to the same side.
 */
public record SplitParameters(double testRatio, String groupPattern) {
    public static final SplitParameters DEFAULTS = new SplitParameters(0.25, null);

    public SplitParameters {
        checkTestRatio(testRatio);
        groupPattern = checkGroupPattern(groupPattern);
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
