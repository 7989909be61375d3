package org.ferworkbench.cli;

import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every setting of an export as an option, and {@code --config}: the block prepare and benchmark prepare share (a
 * mixin: declared here only). The fields are read through {@link OptionSettings}, each option by the setting of
 * its name, and checked by core; only what the option holds as text is declared here.
 */
final class PrepareOptions {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "<file.json>", description = "Settings file, e.g. the config.json of an earlier export.")
    Path configFile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split and every augmentation (default 42).")
    String seed;

    @Option(names = "--test-ratio", paramLabel = "R", description = "Share of each class put in test (default 0.25).")
    String testRatio;

    @Option(names = "--group-pattern", paramLabel = "REGEX",
            description = "Keep each subject on one side; group 1 of REGEX over the file name is the subject, e.g. '^(S\\d+)_' for CK+.")
    String groupPattern;

    @Option(names = "--duplicates", paramLabel = "group|ignore",
            description = "group (default): keep every group of duplicate and near-duplicate images on one side of the split; "
                    + "ignore: split image by image as the study did (the summary counts the groups that straddle).")
    String duplicates;

    @Mixin
    NearDistanceOption nearDistance;

    @Option(names = "--label-conflicts", paramLabel = "together|drop",
            description = "A duplicate group in several class folders: together (default) keeps its files on one side; drop leaves them out.")
    String labelConflicts;

    @Option(names = "--group", paramLabel = "none|identity",
            description = "identity: keep the faces of one person on one side of the split (by the face recognition net, not by "
                    + "file names); none (default): copies and --group-pattern subjects only.")
    String group;

    @Option(names = "--identity-threshold", paramLabel = "D",
            description = "Face descriptors closer than D are one person (default 0.6, dlib's rule; smaller merges fewer).")
    String identityThreshold;

    @Option(names = "--balance", paramLabel = "majority|none|N", description = "Train count per class after oversampling (default majority).")
    String balance;

    @Option(names = "--rotation", paramLabel = "MIN,MAX", description = "Rotation range in degrees (default 0,90).")
    String rotation;

    @Option(names = "--brightness", paramLabel = "MIN,MAX", description = "Brightness factor range (default 0.2,1.0).")
    String brightness;

    @Option(names = "--no-rotation", description = "Do not rotate augmented copies.")
    boolean noRotation;

    @Option(names = "--no-brightness", description = "Do not change the brightness of augmented copies.")
    boolean noBrightness;

    @Option(names = "--no-flip", description = "Do not flip augmented copies.")
    boolean noFlip;

    @Option(names = "--border", paramLabel = "replicate|reflect|black", description = "How rotation fills corners (default replicate).")
    String border;

    @Option(names = "--size", paramLabel = "S", description = "Output width and height in pixels (default 96).")
    String size;

    @Option(names = "--dtype", paramLabel = "float32|uint8", description = "Pixel type of x arrays (default float32 in [0,1]).")
    String dtype;

    @Option(names = "--format", paramLabel = "npy,npz,png", description = "What to write (default npy).")
    String format;

    @Option(names = "--no-detect", description = "Skip face detection: use whole images (for already cropped sets like FER2013, CK+48).")
    boolean noDetect;

    @Mixin
    DetectorOptions detector;

    @Option(names = "--min-prob", paramLabel = "P", description = "Ignore faces below this probability (default 0: MTCNN's thresholds only).")
    String minProbability;

    @Option(names = "--train-faces", paramLabel = "only-one|largest|most-confident",
            description = "Which train images/faces to keep (default only-one: drop images with 0 or several faces, as the study).")
    String trainFaces;

    @Option(names = "--test-faces", paramLabel = "whole-image-if-none|drop|largest|most-confident|only-one",
            description = "Which test face to keep. Default whole-image-if-none (the study): the largest face, and a test "
                    + "image without one is exported whole; drop (= largest) leaves it out and lists it.")
    String testFaces;

    @Option(names = "--order", paramLabel = "augment-first|detect-first",
            description = "augment-first (study): detect on every augmented copy, replacing copies that lose their face; "
                    + "detect-first: detect each source once and augment the aligned face.")
    String order;

    @Option(names = "--align", paramLabel = "eyes|eyes68|similarity",
            description = "Alignment: level the eyes at the means of the six eye points of the 68-point landmark net (eyes68, "
                    + "default, as the study), at MTCNN's one point per eye (eyes), or a 5-point similarity transform.")
    String align;

    @Option(names = "--crop-fill", paramLabel = "edge|black|clip",
            description = "Where the aligned square reaches past the image: fill black (default), repeat the edge "
                    + "pixels (edge), or shrink the square about its centre until it fits (clip).")
    String cropFill;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Augmentations a copy may try before it is given up (default 10).")
    String maxAttempts;

    /** The settings: {@code defaults}, or the --config file instead, then the options given. */
    PrepareConfig config(PrepareConfig defaults) throws IOException {
        PrepareConfigBuilder settings = (configFile == null ? defaults : ConfigFiles.read(configFile)).toBuilder();
        OptionSettings.apply(spec, settings);
        return OptionSettings.build(settings);
    }

    /** The --config file, or null. */
    Path configFile() {
        return configFile;
    }
}
