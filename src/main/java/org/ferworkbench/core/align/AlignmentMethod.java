package org.ferworkbench.core.align;

/**
 * EYES: rotate about the eye midpoint until the eyes are level, then take the detector's box (made square, no margin)
 * in the rotated image, with MTCNN's one point per eye. EYES68: the same, with each eye at the mean of its six points
 * of the 68-point landmark net, as the study located the eyes ("the mean value of the six detected landmarks in each
 * eye"). SIMILARITY: a 5-point similarity transform (rotation, uniform scale, translation) that maps the landmarks
 * onto a standard template scaled to the crop.
 */
public enum AlignmentMethod {
    EYES, EYES68, SIMILARITY;

    /** Whether the eyes come from the 68-point landmark net rather than the detector. */
    public boolean needsLandmarks68() {
        return this == EYES68;
    }
}
