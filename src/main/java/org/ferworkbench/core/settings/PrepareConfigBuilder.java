package org.ferworkbench.core.settings;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.LabelConflicts;
import org.ferworkbench.core.split.GroupBy;
import org.ferworkbench.core.identity.IdentityClusters;
import org.ferworkbench.core.split.SplitParameters;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fills in a {@link PrepareConfig} one {@link Setting} at a time, from values or from text, and says what is wrong
 * with each setting rather than stopping at the first problem. The one place where settings text is read: the
 * command-line options, the app's Settings form and config files (through {@link ConfigFiles}) all come here.
 * The rules themselves are those of the parameter records (e.g. {@link SplitParameters#checkTestRatio}), so a
 * record made directly obeys the same ones.
 *
 * <p>The text form of a setting is that of its option: {@code 0.25}, {@code MIN,MAX}, {@code P,R,O},
 * {@code majority|none|N}, {@code npy,png}, {@code only-one}; {@link #parseParts} takes a range or the thresholds
 * as separate numbers (a form's fields, a file's keys). Numbers may use a decimal comma where they stand alone.
 */
public final class PrepareConfigBuilder {
    private long seed;
    private double testRatio;
    private String groupPattern;
    private DuplicateHandling duplicates;
    private int nearDistance;
    private LabelConflicts labelConflicts;
    private GroupBy groupBy;
    private double identityThreshold;
    private BalanceTarget balance;
    private boolean rotate;
    private double rotationMin;
    private double rotationMax;
    private boolean brighten;
    private double brightnessMin;
    private double brightnessMax;
    private boolean flip;
    private double flipProbability;
    private BorderMode border;
    private int outputSize;
    private OutputDtype dtype;
    private Set<ExportFormat> formats;
    private boolean detectFaces;
    private int minFaceSize;
    private double pnetThreshold;
    private double rnetThreshold;
    private double onetThreshold;
    private double scaleFactor;
    private double minProbability;
    private FacePolicy trainFaces;
    private FacePolicy testFaces;
    private PipelineOrder order;
    private AlignmentMethod alignment;
    private CropFill cropFill;
    private int maxAttempts;
    /** Settings whose last text could not be read, with the reason (their value stays the one before). */
    private final Map<Setting, String> unreadable = new EnumMap<>(Setting.class);

    PrepareConfigBuilder(PrepareConfig base) {
        seed = base.seed();
        testRatio = base.split().testRatio();
        groupPattern = base.split().groupPattern();
        duplicates = base.split().duplicates();
        nearDistance = base.split().nearDistance();
        labelConflicts = base.split().labelConflicts();
        groupBy = base.split().groupBy();
        identityThreshold = base.split().identityThreshold();
        balance = base.balance();
        AugmentationParameters a = base.augmentation();
        rotate = a.rotate();
        rotationMin = a.rotationMin();
        rotationMax = a.rotationMax();
        brighten = a.brighten();
        brightnessMin = a.brightnessMin();
        brightnessMax = a.brightnessMax();
        flip = a.flip();
        flipProbability = a.flipProbability();
        border = a.border();
        outputSize = base.outputSize();
        dtype = base.dtype();
        formats = EnumSet.copyOf(base.formats());
        detectFaces = base.detectFaces();
        FaceOptions f = base.face();
        minFaceSize = f.detector().minFaceSize();
        pnetThreshold = f.detector().pnetThreshold();
        rnetThreshold = f.detector().rnetThreshold();
        onetThreshold = f.detector().onetThreshold();
        scaleFactor = f.detector().scaleFactor();
        minProbability = f.minProbability();
        trainFaces = f.trainPolicy();
        testFaces = f.testPolicy();
        order = f.order();
        alignment = f.alignment();
        cropFill = f.cropFill();
        maxAttempts = base.maxAttempts();
    }

    // ---- values -------------------------------------------------------------------------------------------------

    public PrepareConfigBuilder seed(long v) {
        seed = v;
        return read(Setting.SEED);
    }

    public PrepareConfigBuilder testRatio(double v) {
        testRatio = v;
        return read(Setting.TEST_RATIO);
    }

    /** Null or blank for none. */
    public PrepareConfigBuilder groupPattern(String v) {
        groupPattern = v;
        return read(Setting.GROUP_PATTERN);
    }

    public PrepareConfigBuilder duplicates(DuplicateHandling v) {
        duplicates = v;
        return read(Setting.DUPLICATES);
    }

    public PrepareConfigBuilder nearDistance(int v) {
        nearDistance = v;
        return read(Setting.NEAR_DISTANCE);
    }

    public PrepareConfigBuilder labelConflicts(LabelConflicts v) {
        labelConflicts = v;
        return read(Setting.LABEL_CONFLICTS);
    }

    public PrepareConfigBuilder groupBy(GroupBy v) {
        groupBy = v;
        return read(Setting.GROUP_BY);
    }

    public PrepareConfigBuilder identityThreshold(double v) {
        identityThreshold = v;
        return read(Setting.IDENTITY_THRESHOLD);
    }

    public PrepareConfigBuilder balance(BalanceTarget v) {
        balance = v;
        return read(Setting.BALANCE);
    }

    public PrepareConfigBuilder rotate(boolean v) {
        rotate = v;
        return read(Setting.ROTATE);
    }

    public PrepareConfigBuilder rotation(double min, double max) {
        rotationMin = min;
        rotationMax = max;
        return read(Setting.ROTATION);
    }

    public PrepareConfigBuilder brighten(boolean v) {
        brighten = v;
        return read(Setting.BRIGHTEN);
    }

    public PrepareConfigBuilder brightness(double min, double max) {
        brightnessMin = min;
        brightnessMax = max;
        return read(Setting.BRIGHTNESS);
    }

    public PrepareConfigBuilder flip(boolean v) {
        flip = v;
        return read(Setting.FLIP);
    }

    public PrepareConfigBuilder flipProbability(double v) {
        flipProbability = v;
        return read(Setting.FLIP_PROBABILITY);
    }

    public PrepareConfigBuilder border(BorderMode v) {
        border = v;
        return read(Setting.BORDER);
    }

    public PrepareConfigBuilder outputSize(int v) {
        outputSize = v;
        return read(Setting.OUTPUT_SIZE);
    }

    public PrepareConfigBuilder dtype(OutputDtype v) {
        dtype = v;
        return read(Setting.DTYPE);
    }

    public PrepareConfigBuilder formats(Set<ExportFormat> v) {
        formats = v.isEmpty() ? EnumSet.noneOf(ExportFormat.class) : EnumSet.copyOf(v);
        return read(Setting.FORMATS);
    }

    public PrepareConfigBuilder detectFaces(boolean v) {
        detectFaces = v;
        return read(Setting.DETECT_FACES);
    }

    public PrepareConfigBuilder minFaceSize(int v) {
        minFaceSize = v;
        return read(Setting.MIN_FACE_SIZE);
    }

    public PrepareConfigBuilder thresholds(double pnet, double rnet, double onet) {
        pnetThreshold = pnet;
        rnetThreshold = rnet;
        onetThreshold = onet;
        return read(Setting.THRESHOLDS);
    }

    public PrepareConfigBuilder scaleFactor(double v) {
        scaleFactor = v;
        return read(Setting.SCALE_FACTOR);
    }

    public PrepareConfigBuilder minProbability(double v) {
        minProbability = v;
        return read(Setting.MIN_PROBABILITY);
    }

    public PrepareConfigBuilder trainFaces(FacePolicy v) {
        trainFaces = v;
        return read(Setting.TRAIN_FACES);
    }

    public PrepareConfigBuilder testFaces(FacePolicy v) {
        testFaces = v;
        return read(Setting.TEST_FACES);
    }

    public PrepareConfigBuilder order(PipelineOrder v) {
        order = v;
        return read(Setting.ORDER);
    }

    public PrepareConfigBuilder alignment(AlignmentMethod v) {
        alignment = v;
        return read(Setting.ALIGNMENT);
    }

    public PrepareConfigBuilder cropFill(CropFill v) {
        cropFill = v;
        return read(Setting.CROP_FILL);
    }

    public PrepareConfigBuilder maxAttempts(int v) {
        maxAttempts = v;
        return read(Setting.MAX_ATTEMPTS);
    }

    private PrepareConfigBuilder read(Setting s) {
        unreadable.remove(s);
        return this;
    }

    // ---- text ---------------------------------------------------------------------------------------------------

    /**
     * Sets a setting from its text form (as its option takes it; on/off settings take true or false). Text that
     * cannot be read leaves the value as it was and becomes the setting's problem.
     */
    public PrepareConfigBuilder parse(Setting s, String text) {
        String t = text == null ? "" : text.trim();
        try {
            switch (s) {
                case SEED -> seed(wholeNumber(s, t));
                case TEST_RATIO -> testRatio(number(s, t));
                case GROUP_PATTERN -> groupPattern(text);
                case DUPLICATES -> duplicates(choice(s, t, DuplicateHandling.class));
                case NEAR_DISTANCE -> nearDistance(intNumber(s, t));
                case LABEL_CONFLICTS -> labelConflicts(choice(s, t, LabelConflicts.class));
                case GROUP_BY -> groupBy(choice(s, t, GroupBy.class));
                case IDENTITY_THRESHOLD -> identityThreshold(number(s, t));
                case BALANCE -> balance(BalanceTarget.parse(t));
                case ROTATE -> rotate(yesOrNo(s, t));
                case BRIGHTEN -> brighten(yesOrNo(s, t));
                case FLIP -> flip(yesOrNo(s, t));
                case DETECT_FACES -> detectFaces(yesOrNo(s, t));
                case ROTATION, BRIGHTNESS, THRESHOLDS -> {
                    return parseParts(s, t.split(",", -1));
                }
                case FLIP_PROBABILITY -> flipProbability(number(s, t));
                case BORDER -> border(choice(s, t, BorderMode.class));
                case OUTPUT_SIZE -> outputSize(intNumber(s, t));
                case DTYPE -> dtype(OutputDtype.parse(t));
                case FORMATS -> formats(ExportFormat.parseList(t));
                case MIN_FACE_SIZE -> minFaceSize(intNumber(s, t));
                case SCALE_FACTOR -> scaleFactor(number(s, t));
                case MIN_PROBABILITY -> minProbability(number(s, t));
                case TRAIN_FACES -> trainFaces(facePolicy(s, t, FacePolicy.FOR_TRAIN));
                case TEST_FACES -> testFaces(facePolicy(s, t, FacePolicy.FOR_TEST));
                case ORDER -> order(order(t));
                case ALIGNMENT -> alignment(choice(s, t, AlignmentMethod.class));
                case CROP_FILL -> cropFill(choice(s, t, CropFill.class));
                case MAX_ATTEMPTS -> maxAttempts(intNumber(s, t));
            }
        } catch (IllegalArgumentException e) {
            unreadable.put(s, e.getMessage());
        }
        return this;
    }

    /**
     * Sets a setting from one text per key (see {@link Setting#keys()}): the two ends of a range or the three
     * thresholds as separate numbers; a setting with one key takes one text, as {@link #parse}.
     */
    public PrepareConfigBuilder parseParts(Setting s, String... parts) {
        if (s.keys().size() == 1 && parts.length == 1) return parse(s, parts[0]);
        try {
            if (parts.length != s.keys().size()) throw new IllegalArgumentException(partsProblem(s, parts));
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i] == null ? "" : parts[i].trim();
                try {
                    v[i] = finite(Double.parseDouble(p.replace(',', '.')));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(partsProblem(s, parts));
                }
            }
            switch (s) {
                case ROTATION -> rotation(v[0], v[1]);
                case BRIGHTNESS -> brightness(v[0], v[1]);
                case THRESHOLDS -> thresholds(v[0], v[1], v[2]);
                default -> throw new IllegalArgumentException(s.label() + " takes one value");
            }
        } catch (IllegalArgumentException e) {
            unreadable.put(s, e.getMessage());
        }
        return this;
    }

    private static String partsProblem(Setting s, String... parts) {
        String shape = s == Setting.THRESHOLDS ? "three numbers P,R,O" : "two numbers MIN,MAX";
        return s.label() + " must be " + shape + ", e.g. " + s.example() + ", got '" + String.join(",", parts) + "'";
    }

    private static long wholeNumber(Setting s, String t) {
        try {
            return new BigDecimal(t.replace(',', '.')).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(s.label() + " must be a whole number, e.g. " + s.example() + ", got '" + t + "'");
        }
    }

    private static int intNumber(Setting s, String t) {
        long v = wholeNumber(s, t);
        if (v != (int) v) throw new IllegalArgumentException(s.label() + " is out of range, got '" + t + "'");
        return (int) v;
    }

    private static double number(Setting s, String t) {
        try {
            return finite(Double.parseDouble(t.replace(',', '.')));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.label() + " must be a number, e.g. " + s.example() + ", got '" + t + "'");
        }
    }

    private static double finite(double v) {
        if (!Double.isFinite(v)) throw new NumberFormatException("not finite");
        return v;
    }

    private static boolean yesOrNo(Setting s, String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(s.label() + " must be true or false, got '" + t + "'");
        };
    }

    /** A constant by its option spelling (only-one) or its name (ONLY_ONE, as config.json has it). */
    private static <E extends Enum<E>> E choice(Setting s, String t, Class<E> type) {
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E v : type.getEnumConstants()) allowed.add(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            throw new IllegalArgumentException(s.label() + " must be one of " + String.join(", ", allowed) + ", got '" + t + "'");
        }
    }

    private static FacePolicy facePolicy(Setting s, String t, List<FacePolicy> choices) {
        try {
            return FacePolicy.parse(t, choices);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.label() + " " + e.getMessage());
        }
    }

    private static PipelineOrder order(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "augment-first", "augment_then_detect" -> PipelineOrder.AUGMENT_THEN_DETECT;
            case "detect-first", "detect_then_augment" -> PipelineOrder.DETECT_THEN_AUGMENT;
            default -> throw new IllegalArgumentException("order must be augment-first or detect-first, got '" + t + "'");
        };
    }

    // ---- result -------------------------------------------------------------------------------------------------

    /** Every problem, at most one per setting, in the order of {@link Setting}; empty when {@link #build()} works. */
    public List<SettingsProblem> problems() {
        List<SettingsProblem> problems = new ArrayList<>();
        for (Setting s : Setting.values()) {
            String message = unreadable.containsKey(s) ? unreadable.get(s) : brokenRule(s);
            if (message != null) problems.add(new SettingsProblem(s, message));
        }
        return problems;
    }

    /** The settings, or an {@link InvalidSettingsException} with every problem. */
    public PrepareConfig build() {
        List<SettingsProblem> problems = problems();
        if (!problems.isEmpty()) throw new InvalidSettingsException(problems);
        return new PrepareConfig(seed, new SplitParameters(testRatio, groupPattern, duplicates, nearDistance, labelConflicts, groupBy,
                identityThreshold), balance,
                new AugmentationParameters(rotate, rotationMin, rotationMax, brighten, brightnessMin, brightnessMax, flip,
                        flipProbability, border),
                outputSize, dtype, formats, detectFaces,
                new FaceOptions(new MtcnnParameters(minFaceSize, pnetThreshold, rnetThreshold, onetThreshold, scaleFactor),
                        trainFaces, testFaces, minProbability, order, alignment, cropFill),
                maxAttempts);
    }

    /** The rule the current value of {@code s} breaks, or null (a seed, a switch or a choice is always valid). */
    private String brokenRule(Setting s) {
        try {
            switch (s) {
                case TEST_RATIO -> SplitParameters.checkTestRatio(testRatio);
                case GROUP_PATTERN -> SplitParameters.checkGroupPattern(groupPattern);
                case NEAR_DISTANCE -> SplitParameters.checkNearDistance(nearDistance);
                case IDENTITY_THRESHOLD -> IdentityClusters.checkThreshold(identityThreshold);
                case ROTATION -> AugmentationParameters.checkRotation(rotationMin, rotationMax);
                case BRIGHTNESS -> AugmentationParameters.checkBrightness(brightnessMin, brightnessMax);
                case FLIP_PROBABILITY -> AugmentationParameters.checkFlipProbability(flipProbability);
                case OUTPUT_SIZE -> PrepareConfig.checkOutputSize(outputSize);
                case FORMATS -> {
                    if (formats.isEmpty()) throw new IllegalArgumentException("choose at least one output format");
                }
                case MIN_FACE_SIZE -> MtcnnParameters.checkMinFaceSize(minFaceSize);
                case THRESHOLDS -> {
                    MtcnnParameters.checkThreshold("P-Net threshold", pnetThreshold);
                    MtcnnParameters.checkThreshold("R-Net threshold", rnetThreshold);
                    MtcnnParameters.checkThreshold("O-Net threshold", onetThreshold);
                }
                case SCALE_FACTOR -> MtcnnParameters.checkScaleFactor(scaleFactor);
                case MIN_PROBABILITY -> FaceOptions.checkMinProbability(minProbability);
                case TRAIN_FACES -> FaceOptions.checkTrainPolicy(trainFaces);
                case MAX_ATTEMPTS -> PrepareConfig.checkMaxAttempts(maxAttempts);
                default -> { }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
