package org.ferworkbench.core.settings;

import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.split.SplitParameters;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything that decides the exported arrays. The same dataset and the same config give byte-identical
 * arrays (the thread count is deliberately not part of it). Written to config.json with every export and
 * accepted back by --config (see {@link ConfigFiles}). Front ends fill it in through {@link #builder()}, which
 * reads and checks each {@link Setting} and says which one is wrong.
 *
 * @param detectFaces run the face stage (MTCNN + alignment); off for already cropped datasets
 * @param face        the face stage's settings (used when detectFaces)
 * @param maxAttempts how many augmentations a copy may try before it is given up, when the face stage
 *                    rejects its augmented image (detection on); each attempt has its own seed
 */
public record PrepareConfig(long seed, SplitParameters split, BalanceTarget balance,
                            AugmentationParameters augmentation, int outputSize, OutputDtype dtype,
                            Set<ExportFormat> formats, boolean detectFaces, FaceOptions face, int maxAttempts) {

    public static final PrepareConfig DEFAULTS = new PrepareConfig(42, SplitParameters.DEFAULTS, BalanceTarget.MAJORITY,
            AugmentationParameters.DEFAULTS, 96, OutputDtype.FLOAT32, EnumSet.of(ExportFormat.NPY), true, FaceOptions.DEFAULTS, 10);

    public PrepareConfig {
        if (split == null) split = SplitParameters.DEFAULTS;
        if (balance == null) balance = BalanceTarget.MAJORITY;
        if (augmentation == null) augmentation = AugmentationParameters.DEFAULTS;
        if (dtype == null) dtype = OutputDtype.FLOAT32;
        if (face == null) face = FaceOptions.DEFAULTS;
        if (formats == null || formats.isEmpty()) formats = EnumSet.of(ExportFormat.NPY);
        formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        checkOutputSize(outputSize);
        checkMaxAttempts(maxAttempts);
    }

    /** Settings to fill in, starting from the study's; every front end builds its settings this way. */
    public static PrepareConfigBuilder builder() {
        return new PrepareConfigBuilder(DEFAULTS);
    }

    /** Settings to change, starting from these. */
    public PrepareConfigBuilder toBuilder() {
        return new PrepareConfigBuilder(this);
    }

    /** The rules of the output size and the attempts (the settings builder checks user input with them too). */
    public static void checkOutputSize(int pixels) {
        if (pixels < 12 || pixels > 1024) {
            throw new IllegalArgumentException("output size must be between 12 and 1024 pixels, got " + pixels);
        }
    }

    public static void checkMaxAttempts(int attempts) {
        if (attempts < 1 || attempts > 1000) {
            throw new IllegalArgumentException("max attempts must be between 1 and 1000, got " + attempts);
        }
    }

    public PrepareConfig withSeed(long s) {
        return new PrepareConfig(s, split, balance, augmentation, outputSize, dtype, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withSplit(SplitParameters p) {
        return new PrepareConfig(seed, p, balance, augmentation, outputSize, dtype, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withBalance(BalanceTarget b) {
        return new PrepareConfig(seed, split, b, augmentation, outputSize, dtype, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withAugmentation(AugmentationParameters a) {
        return new PrepareConfig(seed, split, balance, a, outputSize, dtype, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withOutputSize(int size) {
        return new PrepareConfig(seed, split, balance, augmentation, size, dtype, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withDtype(OutputDtype d) {
        return new PrepareConfig(seed, split, balance, augmentation, outputSize, d, formats, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withFormats(Set<ExportFormat> f) {
        return new PrepareConfig(seed, split, balance, augmentation, outputSize, dtype, f, detectFaces, face, maxAttempts);
    }

    public PrepareConfig withFace(FaceOptions f) {
        return new PrepareConfig(seed, split, balance, augmentation, outputSize, dtype, formats, detectFaces, f, maxAttempts);
    }

    public PrepareConfig withMaxAttempts(int n) {
        return new PrepareConfig(seed, split, balance, augmentation, outputSize, dtype, formats, detectFaces, face, n);
    }

    public PrepareConfig withDetectFaces(boolean d) {
        return new PrepareConfig(seed, split, balance, augmentation, outputSize, dtype, formats, d, face, maxAttempts);
    }
}
