package org.ferworkbench.core.augment;

/** One concrete augmentation: rotation in degrees (counter-clockwise), brightness factor, flip, and its seed. */
public record Augmentation(double rotationDegrees, double brightness, boolean flipped, long seed) {
    public static final Augmentation IDENTITY = new Augmentation(0, 1, false, 0);

    public boolean isIdentity() {
        return rotationDegrees == 0 && brightness == 1 && !flipped;
    }
}
