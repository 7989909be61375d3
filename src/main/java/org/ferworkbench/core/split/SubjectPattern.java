package org.ferworkbench.core.split;

import org.ferworkbench.core.dataset.Sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject of an image by its file name ({@code --group-pattern}): the first capture group of the first match,
 * e.g. "S005" for "S005_001_00000011.png" with {@code ^(S\d+)_}. All images of a subject stay on one side.
 */
public final class SubjectPattern {
    private final Pattern pattern;

    private SubjectPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The pattern of the split parameters, or null when they set none. */
    public static SubjectPattern of(SplitParameters params) {
        return params.groupPattern() == null ? null : new SubjectPattern(Pattern.compile(params.groupPattern()));
    }

    /** The subject, or null when the file name does not match (the image is then a group of its own). */
    public String subjectOf(Sample sample) {
        Matcher m = pattern.matcher(sample.fileName());
        return m.find() && m.group(1) != null ? m.group(1) : null;
    }
}
