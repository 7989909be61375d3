package org.ferworkbench.core.duplicates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How two images were linked into one group that stays on one side of the split. */
public enum LinkKind {
    /** the same file content (equal SHA-256) */
    EXACT_FILE,
    /** different files that decode to the same pixels (e.g. a JPEG saved again as PNG) */
    EXACT_PIXELS,
    /** a near duplicate: DCT hashes within the threshold and thumbnails alike (re-encoded, resized, mirrored ...) */
    NEAR,
    /** the same subject by the file name ({@code --group-pattern}) */
    PATTERN,
    /** the same person by the face recognition net ({@code --group identity}) */
    IDENTITY;

    /** Whether the link says the two files hold the same image (a copy), not just the same person. */
    public boolean isCopy() {
        return this != PATTERN && this != IDENTITY;
    }

    /**
     * The names summaries, JSON and the app give a group's links: "exact" (file or pixels), "near", "pattern",
     * "identity", in that order.
     */
    public static List<String> names(Set<LinkKind> kinds) {
        List<String> names = new ArrayList<>(3);
        if (kinds.contains(EXACT_FILE) || kinds.contains(EXACT_PIXELS)) names.add("exact");
        if (kinds.contains(NEAR)) names.add("near");
        if (kinds.contains(PATTERN)) names.add("pattern");
        if (kinds.contains(IDENTITY)) names.add("identity");
        return names;
    }
}
