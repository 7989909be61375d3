package org.ferworkbench.core.settings;

/**
 * Which face of an image is kept. ONLY_ONE is the study's rule for training images: keep the image only when
 * exactly one face is found (0 or more than one: dropped). LARGEST and MOST_CONFIDENT keep one face of any
 * image with at least one.
 */
public enum FacePolicy {
    ONLY_ONE, LARGEST, MOST_CONFIDENT
}
