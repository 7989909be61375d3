package org.ferworkbench.core.settings;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reader and checker of settings text: every setting, its good and bad values, and what it says. */
class PrepareConfigBuilderTest {

    /** A setting's text that is read to {@code value}, and a text that is refused with {@code message}. */
    record Case(Setting setting, String good, Function<PrepareConfig, Object> read, Object value, String bad, String message) {
        @Override
        public String toString() {
            return setting.name();
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case(Setting.SEED, "7", PrepareConfig::seed, 7L,
                        "forty-two", "seed must be a whole number, e.g. 42, got 'forty-two'"),
                new Case(Setting.TEST_RATIO, "0,3", c -> c.split().testRatio(), 0.3,
                        "1.5", "test ratio must be between 0 and 1 (exclusive), got 1.5"),
                new Case(Setting.GROUP_PATTERN, "^(S\\d+)_", c -> c.split().groupPattern(), "^(S\\d+)_",
                        "^S\\d+_", "group pattern needs a capture group for the subject id, e.g. ^(S\\d+)_"),
                new Case(Setting.DUPLICATES, "ignore", c -> c.split().duplicates(), org.ferworkbench.core.split.DuplicateHandling.IGNORE,
                        "merge", "duplicates must be one of group, ignore, got 'merge'"),
                new Case(Setting.NEAR_DISTANCE, "3", c -> c.split().nearDistance(), 3,
                        "17", "near-duplicate distance must be between 0 (exact duplicates only) and 16, got 17"),
                new Case(Setting.LABEL_CONFLICTS, "drop", c -> c.split().labelConflicts(), org.ferworkbench.core.split.LabelConflicts.DROP,
                        "keep", "label conflicts must be one of together, drop, got 'keep'"),
                new Case(Setting.GROUP_BY, "identity", c -> c.split().groupBy(), org.ferworkbench.core.split.GroupBy.IDENTITY,
                        "person", "grouping must be one of none, identity, got 'person'"),
                new Case(Setting.IDENTITY_THRESHOLD, "0.5", c -> c.split().identityThreshold(), 0.5,
                        "3", "identity threshold must be above 0 and at most 2 (same-person distances are about 0.4-0.6), got 3.0"),
                new Case(Setting.BALANCE, "300", PrepareConfig::balance, BalanceTarget.fixed(300),
                        "lots", "balance must be 'majority', 'none' or a number (a whole number of images per class), got 'lots'"),
                new Case(Setting.ROTATE, "false", c -> c.augmentation().rotate(), false,
                        "maybe", "rotate must be true or false, got 'maybe'"),
                new Case(Setting.ROTATION, "-10,10", c -> List.of(c.augmentation().rotationMin(), c.augmentation().rotationMax()),
                        List.of(-10.0, 10.0), "50,10", "rotation range must be MIN,MAX with MIN <= MAX, got 50.0,10.0"),
                new Case(Setting.BRIGHTEN, "FALSE", c -> c.augmentation().brighten(), false,
                        "no", "brighten must be true or false, got 'no'"),
                new Case(Setting.BRIGHTNESS, "0.5,1", c -> List.of(c.augmentation().brightnessMin(), c.augmentation().brightnessMax()),
                        List.of(0.5, 1.0), "0.5,11", "brightness range must be MIN,MAX with 0 <= MIN <= MAX <= 10, got 0.5,11.0"),
                new Case(Setting.FLIP, "false", c -> c.augmentation().flip(), false,
                        "1", "flip must be true or false, got '1'"),
                new Case(Setting.FLIP_PROBABILITY, "0.25", c -> c.augmentation().flipProbability(), 0.25,
                        "2", "flip probability must be in [0, 1], got 2.0"),
                new Case(Setting.BORDER, "reflect", c -> c.augmentation().border(), BorderMode.REFLECT,
                        "wrap", "border must be one of replicate, reflect, black, got 'wrap'"),
                new Case(Setting.OUTPUT_SIZE, "48", PrepareConfig::outputSize, 48,
                        "8", "output size must be between 12 and 1024 pixels, got 8"),
                new Case(Setting.DTYPE, "uint8", PrepareConfig::dtype, OutputDtype.UINT8,
                        "float16", "dtype must be float32 or uint8, got 'float16'"),
                new Case(Setting.FORMATS, "npy,png", PrepareConfig::formats, Set.of(ExportFormat.NPY, ExportFormat.PNG),
                        "", "choose at least one output format"),
                new Case(Setting.DETECT_FACES, "false", PrepareConfig::detectFaces, false,
                        "off", "detect faces must be true or false, got 'off'"),
                new Case(Setting.MIN_FACE_SIZE, "40", c -> c.face().detector().minFaceSize(), 40,
                        "0", "minimum face size must be at least 1 pixel, got 0"),
                new Case(Setting.THRESHOLDS, "0.5,0.6,0.65",
                        c -> List.of(c.face().detector().pnetThreshold(), c.face().detector().rnetThreshold(),
                                c.face().detector().onetThreshold()), List.of(0.5, 0.6, 0.65),
                        "1.2,0.7,0.7", "P-Net threshold must be in [0, 1], got 1.2"),
                new Case(Setting.SCALE_FACTOR, "0.5", c -> c.face().detector().scaleFactor(), 0.5,
                        "1.5", "pyramid factor must be between 0 and 1 (exclusive), got 1.5"),
                new Case(Setting.MIN_PROBABILITY, "0.9", c -> c.face().minProbability(), 0.9,
                        "1.1", "minimum face probability must be in [0, 1], got 1.1"),
                new Case(Setting.TRAIN_FACES, "largest", c -> c.face().trainPolicy(), FacePolicy.LARGEST,
                        "none", "train faces must be one of only-one, largest, most-confident, drop, got 'none'"),
                new Case(Setting.TEST_FACES, "ONLY_ONE", c -> c.face().testPolicy(), FacePolicy.ONLY_ONE,
                        "biggest", "test faces must be one of whole-image-if-none, largest, most-confident, only-one, drop, got 'biggest'"),
                new Case(Setting.ORDER, "detect-first", c -> c.face().order(), PipelineOrder.DETECT_THEN_AUGMENT,
                        "sideways", "order must be augment-first or detect-first, got 'sideways'"),
                new Case(Setting.ALIGNMENT, "similarity", c -> c.face().alignment(), AlignmentMethod.SIMILARITY,
                        "nose", "alignment must be one of eyes, eyes68, similarity, got 'nose'"),
                new Case(Setting.CROP_FILL, "clip", c -> c.face().cropFill(), CropFill.CLIP,
                        "mirror", "crop fill must be one of edge, black, clip, got 'mirror'"),
                new Case(Setting.MAX_ATTEMPTS, "3", PrepareConfig::maxAttempts, 3,
                        "0", "max attempts must be between 1 and 1000, got 0"));
    }

    @Test
    void everySettingHasACase() {
        assertThat(cases()).extracting(Case::setting).containsExactly(Setting.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aGoodValueIsTakenAndOnlyThatSettingChanges(Case c) {
        PrepareConfig built = PrepareConfig.builder().parse(c.setting(), c.good()).build();
        assertThat(c.read().apply(built)).isEqualTo(c.value());
        assertThat(c.read().apply(PrepareConfig.DEFAULTS)).as("the case changes something").isNotEqualTo(c.value());
        // the same value set through the others' defaults: nothing else moved
        PrepareConfigBuilder back = built.toBuilder();
        back.parse(c.setting(), textOf(c.setting(), PrepareConfig.DEFAULTS));
        assertThat(back.build()).isEqualTo(PrepareConfig.DEFAULTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadValueIsThatSettingsProblemAndNothingElses(Case c) {
        PrepareConfigBuilder b = PrepareConfig.builder().parse(c.setting(), c.bad());
        assertThat(b.problems()).containsExactly(new SettingsProblem(c.setting(), c.message()));
        assertThatThrownBy(b::build).isInstanceOf(InvalidSettingsException.class).hasMessage(c.message());
        // a good value afterwards clears it
        assertThat(b.parse(c.setting(), c.good()).problems()).isEmpty();
    }

    /** The default of a setting in its text form, to set it back. */
    private static String textOf(Setting s, PrepareConfig c) {
        return switch (s) {
            case SEED -> Long.toString(c.seed());
            case TEST_RATIO -> Double.toString(c.split().testRatio());
            case GROUP_PATTERN -> "";
            case DUPLICATES -> c.split().duplicates().name();
            case NEAR_DISTANCE -> Integer.toString(c.split().nearDistance());
            case LABEL_CONFLICTS -> c.split().labelConflicts().name();
            case GROUP_BY -> c.split().groupBy().name();
            case IDENTITY_THRESHOLD -> Double.toString(c.split().identityThreshold());
            case BALANCE -> c.balance().toString();
            case ROTATE, BRIGHTEN, FLIP, DETECT_FACES -> "true";
            case ROTATION -> c.augmentation().rotationMin() + "," + c.augmentation().rotationMax();
            case BRIGHTNESS -> c.augmentation().brightnessMin() + "," + c.augmentation().brightnessMax();
            case FLIP_PROBABILITY -> Double.toString(c.augmentation().flipProbability());
            case BORDER -> c.augmentation().border().name();
            case OUTPUT_SIZE -> Integer.toString(c.outputSize());
            case DTYPE -> c.dtype().toString();
            case FORMATS -> "npy";
            case MIN_FACE_SIZE -> Integer.toString(c.face().detector().minFaceSize());
            case THRESHOLDS -> c.face().detector().pnetThreshold() + "," + c.face().detector().rnetThreshold() + ","
                    + c.face().detector().onetThreshold();
            case SCALE_FACTOR -> Double.toString(c.face().detector().scaleFactor());
            case MIN_PROBABILITY -> Double.toString(c.face().minProbability());
            case TRAIN_FACES -> c.face().trainPolicy().name();
            case TEST_FACES -> c.face().testPolicy().name();
            case ORDER -> c.face().order().name();
            case ALIGNMENT -> c.face().alignment().name();
            case CROP_FILL -> c.face().cropFill().name();
            case MAX_ATTEMPTS -> Integer.toString(c.maxAttempts());
        };
    }

    @Test
    void theDefaultsAreTheStudys() {
        assertThat(PrepareConfig.builder().problems()).isEmpty();
        assertThat(PrepareConfig.builder().build()).isEqualTo(PrepareConfig.DEFAULTS);
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderOfTheSettings() {
        PrepareConfigBuilder b = PrepareConfig.builder()
                .parse(Setting.OUTPUT_SIZE, "8")
                .parse(Setting.TEST_RATIO, "1.5")
                .parse(Setting.SEED, "x");
        assertThat(b.problems()).extracting(SettingsProblem::setting)
                .containsExactly(Setting.SEED, Setting.TEST_RATIO, Setting.OUTPUT_SIZE);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSettingsException.class,
                e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void unreadableTextKeepsTheValueBeforeIt() {
        PrepareConfigBuilder b = PrepareConfig.builder().parse(Setting.SEED, "7").parse(Setting.SEED, "seven");
        assertThat(b.problems()).singleElement().extracting(SettingsProblem::setting).isEqualTo(Setting.SEED);
        assertThat(b.seed(8).build().seed()).as("a value set afterwards is taken").isEqualTo(8);
    }

    @Test
    void rangesAndThresholdsComeAsOneTextOrAsSeparateNumbers() {
        PrepareConfig c = PrepareConfig.builder()
                .parseParts(Setting.ROTATION, "-5", "5")
                .parseParts(Setting.BRIGHTNESS, "0,5", "1")   // a form's field may use a decimal comma
                .parseParts(Setting.THRESHOLDS, "0.5", " 0.6 ", "0.7")
                .build();
        assertThat(c.augmentation().rotationMin()).isEqualTo(-5);
        assertThat(c.augmentation().brightnessMin()).isEqualTo(0.5);
        assertThat(c.face().detector().rnetThreshold()).isEqualTo(0.6);
        assertThat(PrepareConfig.builder().parse(Setting.ROTATION, "5").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("rotation range must be two numbers MIN,MAX, e.g. 0,90, got '5'");
        assertThat(PrepareConfig.builder().parseParts(Setting.THRESHOLDS, "0.5", "x", "0.7").problems()).singleElement()
                .extracting(SettingsProblem::message)
                .isEqualTo("thresholds must be three numbers P,R,O, e.g. 0.6,0.7,0.7, got '0.5,x,0.7'");
    }

    @Test
    void numbersMustBeNumbers() {
        assertThat(PrepareConfig.builder().parse(Setting.TEST_RATIO, "a quarter").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("test ratio must be a number, e.g. 0.25, got 'a quarter'");
        assertThat(PrepareConfig.builder().parse(Setting.TEST_RATIO, "NaN").problems()).hasSize(1);
        assertThat(PrepareConfig.builder().parse(Setting.OUTPUT_SIZE, "96.5").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("output size must be a whole number, e.g. 96, got '96.5'");
        assertThat(PrepareConfig.builder().parse(Setting.OUTPUT_SIZE, "99999999999").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("output size is out of range, got '99999999999'");
        assertThat(PrepareConfig.builder().parse(Setting.BALANCE, "0").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("balance count must be at least 1, got 0");
        assertThat(PrepareConfig.builder().parse(Setting.FORMATS, "npy,tiff").problems()).singleElement()
                .extracting(SettingsProblem::message).isEqualTo("format must be npy, npz or png, got 'tiff'");
    }

    @Test
    void everySettingHasItsKeysInTheJsonFormAndEveryKeyIsASettings() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ConfigFiles.toJson(PrepareConfig.DEFAULTS));
        List<String> leaves = new java.util.ArrayList<>();
        collect(json, "", leaves);
        assertThat(leaves).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Setting.values()).flatMap(s -> s.keys().stream()).toList());
        leaves.forEach(k -> assertThat(Setting.forKey(k)).as(k).isPresent());
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, String prefix, List<String> leaves) {
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) collect(f.getValue(), prefix + f.getKey() + ".", leaves);
            else leaves.add(prefix + f.getKey());
        });
    }
}
