package org.ferworkbench.core.align;

/**
 * EYES: the study's method: rotate about the eye midpoint until the eyes are level, then take the detector's box
 * (made square, no margin) in the rotated image. SIMILARITY: a 5-point similarity transform (rotation, uniform
 * scale, translation) that maps the landmarks onto a standard template scaled to the crop.
 */
public enum AlignmentMethod {
    EYES, SIMILARITY
}
