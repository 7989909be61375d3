package org.ferworkbench.core.duplicates;

/** How two images were linked into one group. */
public enum LinkKind {
    /** the same file content (equal SHA-256) */
    EXACT_FILE,
    /** different files that decode to the same pixels (e.g. a JPEG saved again as PNG) */
    EXACT_PIXELS,
    /** a near duplicate: DCT hashes within the threshold and thumbnails alike (re-encoded, resized, mirrored ...) */
    NEAR
}
