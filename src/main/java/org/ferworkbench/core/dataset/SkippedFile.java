package org.ferworkbench.core.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A file or folder that is not used, with the reason (shown to the user and written to the manifest). */
public record SkippedFile(String relativePath, String reason) {

    /** "path: reason" for the first {@code max} files, then "... and N more" when there are more. */
    public static List<String> listed(List<SkippedFile> files, int max) {
        List<String> lines = new ArrayList<>(Math.min(files.size(), max) + 1);
        files.stream().limit(max).forEach(f -> lines.add(f.relativePath() + ": " + f.reason()));
        if (files.size() > max) lines.add(String.format(Locale.ROOT, "... and %,d more", files.size() - max));
        return lines;
    }
}
