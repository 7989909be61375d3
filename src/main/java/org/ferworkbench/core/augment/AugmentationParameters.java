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
        checkRotation(rotationMin, rotationMax);
        checkBrightness(brightnessMin, brightnessMax);
        checkFlipProbability(flipProbability);
    }

    /** The rules of the ranges (the settings builder checks user input with them too). */
    public static void checkRotation(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("rotation range must be MIN,MAX with MIN <= MAX, got " + min + "," + max);
        }
        if (min < -360 || max > 360) {
            throw new IllegalArgumentException("rotation range must lie within -360..360 degrees, got " + min + "," + max);
        }
    }

    public static void checkBrightness(double min, double max) {
        if (!(min >= 0) || !(max >= min) || max > 10) {
            throw new IllegalArgumentException("brightness range must be MIN,MAX with 0 <= MIN <= MAX <= 10, got " + min + "," + max);
        }
    }

    public static void checkFlipProbability(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
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
