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
        if (!(testRatio > 0 && testRatio < 1)) {
            throw new IllegalArgumentException("test ratio must be between 0 and 1 (exclusive), got " + testRatio);
        }
        if (groupPattern != null && groupPattern.isBlank()) groupPattern = null;
        if (groupPattern != null) {
            try {
                Pattern p = Pattern.compile(groupPattern);
                if (p.matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException("group pattern needs a capture group for the subject id, e.g. ^(S\\d+)_");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("group pattern is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    public int testCount(int classSize) {
        if (classSize < 2) return 0;
        long t = Math.round(testRatio * classSize);
        return (int) Math.max(1, Math.min(classSize - 1, t));
    }
}
