package org.ferworkbench.core.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One setting of {@link PrepareConfig} as people give it: its key(s) in config.json / settings.json, the
 * command-line option that sets it, and the words its messages use. A problem is always reported against one
 * setting, so each front end can show it where that setting is: next to the option, the form field or the key.
 */
public enum Setting {
    SEED("--seed", "seed", "42", "seed"),
    TEST_RATIO("--test-ratio", "test ratio", "0.25", "split.testRatio"),
    GROUP_PATTERN("--group-pattern", "group pattern", "^(S\\d+)_", "split.groupPattern"),
    DUPLICATES("--duplicates", "duplicates", "group", "split.duplicates"),
    NEAR_DISTANCE("--near-distance", "near-duplicate distance", "10", "split.nearDistance"),
    LABEL_CONFLICTS("--label-conflicts", "label conflicts", "together", "split.labelConflicts"),
    GROUP_BY("--group", "grouping", "identity", "split.groupBy"),
    IDENTITY_THRESHOLD("--identity-threshold", "identity threshold", "0.6", "split.identityThreshold"),
    BALANCE("--balance", "balance", "majority", "balance"),
    ROTATE("--no-rotation", "rotate", "true", "augmentation.rotate"),
    ROTATION("--rotation", "rotation range", "0,90", "augmentation.rotationMin", "augmentation.rotationMax"),
    BRIGHTEN("--no-brightness", "brighten", "true", "augmentation.brighten"),
    BRIGHTNESS("--brightness", "brightness range", "0.2,1.0", "augmentation.brightnessMin", "augmentation.brightnessMax"),
    FLIP("--no-flip", "flip", "true", "augmentation.flip"),
    /** No option: the study's 0.5, changed in the app or a settings file only. */
    FLIP_PROBABILITY(null, "flip probability", "0.5", "augmentation.flipProbability"),
    BORDER("--border", "border", "replicate", "augmentation.border"),
    OUTPUT_SIZE("--size", "output size", "96", "outputSize"),
    DTYPE("--dtype", "dtype", "float32", "dtype"),
    FORMATS("--format", "format", "npy,png", "formats"),
    DETECT_FACES("--no-detect", "detect faces", "true", "detectFaces"),
    MIN_FACE_SIZE("--min-face", "minimum face size", "20", "face.detector.minFaceSize"),
    THRESHOLDS("--thresholds", "thresholds", "0.6,0.7,0.7",
            "face.detector.pnetThreshold", "face.detector.rnetThreshold", "face.detector.onetThreshold"),
    SCALE_FACTOR("--factor", "pyramid factor", "0.709", "face.detector.scaleFactor"),
    MIN_PROBABILITY("--min-prob", "minimum face probability", "0.9", "face.minProbability"),
    TRAIN_FACES("--train-faces", "train faces", "only-one", "face.trainPolicy"),
    TEST_FACES("--test-faces", "test faces", "whole-image-if-none", "face.testPolicy"),
    ORDER("--order", "order", "augment-first", "face.order"),
    ALIGNMENT("--align", "alignment", "eyes68", "face.alignment"),
    CROP_FILL("--crop-fill", "crop fill", "clip", "face.cropFill"),
    MAX_ATTEMPTS("--max-attempts", "max attempts", "10", "maxAttempts");

    private final String option;
    private final String label;
    private final String example;
    private final List<String> keys;

    Setting(String option, String label, String example, String... keys) {
        this.option = option;
        this.label = label;
        this.example = example;
        this.keys = List.of(keys);
    }

    /** The command-line option that sets it (a {@code --no-...} switch for the on/off settings), or null. */
    public String option() {
        return option;
    }

    /** How messages name it, e.g. "test ratio". */
    public String label() {
        return label;
    }

    /** A valid value in the text form, for messages. */
    public String example() {
        return example;
    }

    /** Its keys in the JSON form, dotted from the top (two or three for a range or the thresholds). */
    public List<String> keys() {
        return keys;
    }

    public static Optional<Setting> forOption(String option) {
        return Arrays.stream(values()).filter(s -> option.equals(s.option)).findFirst();
    }

    public static Optional<Setting> forKey(String key) {
        return Arrays.stream(values()).filter(s -> s.keys.contains(key)).findFirst();
    }
}
