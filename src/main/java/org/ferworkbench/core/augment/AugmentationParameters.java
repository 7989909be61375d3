package org.ferworkbench.core.augment;

/**
 * Ranges and switches of the train-only augmentation. Defaults are the study's: rotation uniform in
 * [0, 90] degrees (counter-clockwise), brightness factor uniform in [0.2, 1.0] (pixel * factor, as PIL's
 * ImageEnhance.Brightness), horizontal flip with probability 0.5; corners filled by edge replication.
 */
public record AugmentationParameters(boolean rotate, double rotationMin, double rotationMax,
                                     boolean brighten, double brightnessMin, double brightnessMax,
                                     boolean flip, double flipProbability, BorderMode border) {
    public static final AugmentationParameters DEFAULTS =
            new AugmentationParameters(true, 0, 90, true, 0.2, 1.0, true, 0.5, BorderMode.REPLICATE);

    public AugmentationParameters {
        if (border == null) border = BorderMode.REPLICATE;
        if (!Double.isFinite(rotationMin) || !Double.isFinite(rotationMax) || rotationMin > rotationMax) {
            throw new IllegalArgumentException("rotation range must be MIN,MAX with MIN <= MAX, got " + rotationMin + "," + rotationMax);
        }
        if (rotationMin < -360 || rotationMax > 360) {
            throw new IllegalArgumentException("rotation range must lie within -360..360 degrees");
        }
        if (!(brightnessMin >= 0) || !(brightnessMax >= brightnessMin) || brightnessMax > 10) {
            throw new IllegalArgumentException("brightness range must be MIN,MAX with 0 <= MIN <= MAX <= 10, got "
                    + brightnessMin + "," + brightnessMax);
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + flipProbability);
        }
    }

    public AugmentationParameters withRotation(double min, double max) {
        return new AugmentationParameters(rotate, min, max, brighten, brightnessMin, brightnessMax, flip, flipProbability, border);
    }

    public AugmentationParameters withBrightness(double min, double max) {
        return new AugmentationParameters(rotate, rotationMin, rotationMax, brighten, min, max, flip, flipProbability, border);
    }

    public AugmentationParameters withFlip(boolean enabled) {
        return new AugmentationParameters(rotate, rotationMin, rotationMax, brighten, brightnessMin, brightnessMax, enabled, flipProbability, border);
    }

    public AugmentationParameters withBorder(BorderMode mode) {
        return new AugmentationParameters(rotate, rotationMin, rotationMax, brighten, brightnessMin, brightnessMax, flip, flipProbability, mode);
    }

    /** Draws one augmentation from a per-copy seed. Three draws always, so switching one off changes no other. */
    public Augmentation sample(long seed) {
        var random = new org.ferworkbench.core.random.SeededRandom(seed);
        double angle = random.uniform(rotationMin, rotationMax);
        double factor = random.uniform(brightnessMin, brightnessMax);
        boolean flipped = random.nextDouble() < flipProbability;
        return new Augmentation(rotate ? angle : 0, brighten ? factor : 1, flip && flipped, seed);
    }
}
