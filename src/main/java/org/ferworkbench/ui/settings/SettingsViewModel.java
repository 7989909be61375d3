package org.ferworkbench.ui.settings;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.pipeline.FaceOptions;
import org.ferworkbench.core.pipeline.FacePolicy;
import org.ferworkbench.core.pipeline.PipelineOrder;
import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.core.split.SplitParameters;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.session.DatasetSession;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every pipeline parameter as an editable field. Each change is validated at once; a field with a problem gets a
 * clear message, and once every field is valid the new configuration becomes the session's (charts and preview
 * follow) and is saved with the workspace after a short pause. The records of core validate; this class only
 * parses text and says which field a problem belongs to.
 */
public final class SettingsViewModel {
    /** The fields that can carry an error message. */
    public enum Field {
        SEED, TEST_RATIO, GROUP_PATTERN, BALANCE, ROTATION, BRIGHTNESS, FLIP_PROBABILITY, MIN_FACE_SIZE, THRESHOLDS,
        SCALE_FACTOR, MIN_PROBABILITY, MAX_ATTEMPTS, OUTPUT_SIZE, FORMATS
    }

    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final TaskExecutor executor;

    public final StringProperty seed = new SimpleStringProperty();
    public final StringProperty testRatio = new SimpleStringProperty();
    public final StringProperty groupPattern = new SimpleStringProperty();
    public final ObjectProperty<BalanceTarget.Mode> balanceMode = new SimpleObjectProperty<>();
    public final StringProperty balanceCount = new SimpleStringProperty();
    public final BooleanProperty rotate = new SimpleBooleanProperty();
    public final StringProperty rotationMin = new SimpleStringProperty();
    public final StringProperty rotationMax = new SimpleStringProperty();
    public final BooleanProperty brighten = new SimpleBooleanProperty();
    public final StringProperty brightnessMin = new SimpleStringProperty();
    public final StringProperty brightnessMax = new SimpleStringProperty();
    public final BooleanProperty flip = new SimpleBooleanProperty();
    public final StringProperty flipProbability = new SimpleStringProperty();
    public final ObjectProperty<BorderMode> border = new SimpleObjectProperty<>();
    public final BooleanProperty detectFaces = new SimpleBooleanProperty();
    public final StringProperty minFaceSize = new SimpleStringProperty();
    public final StringProperty pnetThreshold = new SimpleStringProperty();
    public final StringProperty rnetThreshold = new SimpleStringProperty();
    public final StringProperty onetThreshold = new SimpleStringProperty();
    public final StringProperty scaleFactor = new SimpleStringProperty();
    public final StringProperty minProbability = new SimpleStringProperty();
    public final ObjectProperty<FacePolicy> trainPolicy = new SimpleObjectProperty<>();
    public final ObjectProperty<FacePolicy> testPolicy = new SimpleObjectProperty<>();
    public final ObjectProperty<PipelineOrder> order = new SimpleObjectProperty<>();
    public final ObjectProperty<AlignmentMethod> alignment = new SimpleObjectProperty<>();
    public final StringProperty maxAttempts = new SimpleStringProperty();
    public final StringProperty outputSize = new SimpleStringProperty();
    public final ObjectProperty<OutputDtype> dtype = new SimpleObjectProperty<>();
    public final BooleanProperty formatNpy = new SimpleBooleanProperty();
    public final BooleanProperty formatNpz = new SimpleBooleanProperty();
    public final BooleanProperty formatPng = new SimpleBooleanProperty();

    private final ObservableMap<Field, String> errors = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private boolean loading;
    private TaskHandle pendingSave = TaskHandle.DONE;

    public SettingsViewModel(ReadOnlyObjectProperty<DatasetSession> session, TaskExecutor executor) {
        this.session = session;
        this.executor = executor;
        load(PrepareConfig.DEFAULTS);
        Observable[] all = {seed, testRatio, groupPattern, balanceMode, balanceCount, rotate, rotationMin, rotationMax, brighten,
                brightnessMin, brightnessMax, flip, flipProbability, border, detectFaces, minFaceSize, pnetThreshold,
                rnetThreshold, onetThreshold, scaleFactor, minProbability, trainPolicy, testPolicy, order, alignment,
                maxAttempts, outputSize, dtype, formatNpy, formatNpz, formatPng};
        for (Observable o : all) o.addListener(x -> edited());
        session.addListener((o, a, b) -> {
            editable.set(b != null);
            load(b == null ? PrepareConfig.DEFAULTS : b.config());
        });
    }

    /** Fills the fields from a configuration (without treating it as an edit). */
    public void load(PrepareConfig c) {
        loading = true;
        try {
            seed.set(Long.toString(c.seed()));
            testRatio.set(num(c.split().testRatio()));
            groupPattern.set(c.split().groupPattern() == null ? "" : c.split().groupPattern());
            balanceMode.set(c.balance().mode());
            balanceCount.set(c.balance().mode() == BalanceTarget.Mode.FIXED ? Integer.toString(c.balance().count()) : "");
            AugmentationParameters a = c.augmentation();
            rotate.set(a.rotate());
            rotationMin.set(num(a.rotationMin()));
            rotationMax.set(num(a.rotationMax()));
            brighten.set(a.brighten());
            brightnessMin.set(num(a.brightnessMin()));
            brightnessMax.set(num(a.brightnessMax()));
            flip.set(a.flip());
            flipProbability.set(num(a.flipProbability()));
            border.set(a.border());
            detectFaces.set(c.detectFaces());
            FaceOptions f = c.face();
            minFaceSize.set(Integer.toString(f.detector().minFaceSize()));
            pnetThreshold.set(num(f.detector().pnetThreshold()));
            rnetThreshold.set(num(f.detector().rnetThreshold()));
            onetThreshold.set(num(f.detector().onetThreshold()));
            scaleFactor.set(num(f.detector().scaleFactor()));
            minProbability.set(num(f.minProbability()));
            trainPolicy.set(f.trainPolicy());
            testPolicy.set(f.testPolicy());
            order.set(f.order());
            alignment.set(f.alignment());
            maxAttempts.set(Integer.toString(c.maxAttempts()));
            outputSize.set(Integer.toString(c.outputSize()));
            dtype.set(c.dtype());
            formatNpy.set(c.formats().contains(ExportFormat.NPY));
            formatNpz.set(c.formats().contains(ExportFormat.NPZ));
            formatPng.set(c.formats().contains(ExportFormat.PNG));
        } finally {
            loading = false;
        }
        errors.clear();
        valid.set(true);
        message.set("");
    }

    /** The study's settings. */
    public void resetToStudyDefaults() {
        load(PrepareConfig.DEFAULTS);
        edited();
    }

    private void edited() {
        if (loading) return;
        PrepareConfig c = validate();
        DatasetSession s = session.get();
        if (c == null || s == null || c.equals(s.config())) return;
        s.configProperty().set(c);
        pendingSave.cancel();
        pendingSave = executor.schedule(Duration.ofMillis(400), () -> {
            if (session.get() == s) s.saveSettings(s.config());
        });
        message.set("Saved with the workspace.");
    }

    /** Parses every field; returns the configuration, or null with the errors set. */
    public PrepareConfig validate() {
        errors.clear();
        Long seedValue = parseLong(seed, Field.SEED, "Seed must be a whole number, e.g. 42.");
        SplitParameters split = null;
        Double ratio = parseDouble(testRatio, Field.TEST_RATIO, "Test ratio must be a number between 0 and 1, e.g. 0.25.");
        if (ratio != null) {
            try {
                split = new SplitParameters(ratio, groupPattern.get());
            } catch (IllegalArgumentException e) {
                String m = sentence(e);
                errors.put(m.toLowerCase(Locale.ROOT).contains("group") ? Field.GROUP_PATTERN : Field.TEST_RATIO, m);
            }
        }
        BalanceTarget balance = null;
        try {
            balance = balanceMode.get() == BalanceTarget.Mode.FIXED
                    ? BalanceTarget.fixed(intOrThrow(balanceCount.get(), "Balance count must be a whole number of images per class."))
                    : balanceMode.get() == BalanceTarget.Mode.NONE ? BalanceTarget.NONE : BalanceTarget.MAJORITY;
        } catch (IllegalArgumentException e) {
            errors.put(Field.BALANCE, sentence(e));
        }
        AugmentationParameters augmentation = augmentation();
        FaceOptions face = face();
        Integer attempts = parseInt(maxAttempts, Field.MAX_ATTEMPTS, "Attempts must be a whole number (1 to 1000).");
        Integer size = parseInt(outputSize, Field.OUTPUT_SIZE, "Output size must be a whole number of pixels, e.g. 96.");
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        if (formatNpy.get()) formats.add(ExportFormat.NPY);
        if (formatNpz.get()) formats.add(ExportFormat.NPZ);
        if (formatPng.get()) formats.add(ExportFormat.PNG);
        if (formats.isEmpty()) errors.put(Field.FORMATS, "Choose at least one output format.");
        PrepareConfig config = null;
        if (errors.isEmpty()) {
            try {
                config = new PrepareConfig(seedValue, split, balance, augmentation, size, dtype.get(), formats,
                        detectFaces.get(), face, attempts);
            } catch (IllegalArgumentException e) {
                String m = sentence(e);
                errors.put(m.toLowerCase(Locale.ROOT).contains("attempt") ? Field.MAX_ATTEMPTS : Field.OUTPUT_SIZE, m);
            }
        }
        valid.set(errors.isEmpty());
        message.set(errors.isEmpty() ? "" : "Fix the highlighted settings; until then the last valid settings are used.");
        return errors.isEmpty() ? config : null;
    }

    private AugmentationParameters augmentation() {
        Double rMin = parseDouble(rotationMin, Field.ROTATION, "Rotation must be given in degrees, e.g. 0 to 90.");
        Double rMax = rMin == null ? null : parseDouble(rotationMax, Field.ROTATION, "Rotation must be given in degrees, e.g. 0 to 90.");
        Double bMin = parseDouble(brightnessMin, Field.BRIGHTNESS, "Brightness factors must be numbers, e.g. 0.2 to 1.0.");
        Double bMax = bMin == null ? null : parseDouble(brightnessMax, Field.BRIGHTNESS, "Brightness factors must be numbers, e.g. 0.2 to 1.0.");
        Double p = parseDouble(flipProbability, Field.FLIP_PROBABILITY, "Flip probability must be a number between 0 and 1.");
        if (rMax == null || bMax == null || p == null) return null;
        try {
            return new AugmentationParameters(rotate.get(), rMin, rMax, brighten.get(), bMin, bMax, flip.get(), p, border.get());
        } catch (IllegalArgumentException e) {
            String m = sentence(e);
            String lower = m.toLowerCase(Locale.ROOT);
            errors.put(lower.contains("rotation") ? Field.ROTATION : lower.contains("brightness") ? Field.BRIGHTNESS : Field.FLIP_PROBABILITY, m);
            return null;
        }
    }

    private FaceOptions face() {
        Integer min = parseInt(minFaceSize, Field.MIN_FACE_SIZE, "Minimum face size must be a whole number of pixels, e.g. 20.");
        String thr = "Thresholds must be probabilities between 0 and 1, e.g. 0.6 / 0.7 / 0.7.";
        Double p = parseDouble(pnetThreshold, Field.THRESHOLDS, thr);
        Double r = p == null ? null : parseDouble(rnetThreshold, Field.THRESHOLDS, thr);
        Double o = r == null ? null : parseDouble(onetThreshold, Field.THRESHOLDS, thr);
        Double scale = parseDouble(scaleFactor, Field.SCALE_FACTOR, "Pyramid factor must be a number between 0 and 1, e.g. 0.709.");
        Double floor = parseDouble(minProbability, Field.MIN_PROBABILITY, "Minimum probability must be a number between 0 and 1.");
        if (min == null || o == null || scale == null || floor == null) return null;
        MtcnnParameters detector;
        try {
            detector = new MtcnnParameters(min, p, r, o, scale);
        } catch (IllegalArgumentException e) {
            String m = sentence(e);
            String lower = m.toLowerCase(Locale.ROOT);
            errors.put(lower.contains("face size") ? Field.MIN_FACE_SIZE : lower.contains("pyramid") ? Field.SCALE_FACTOR : Field.THRESHOLDS, m);
            return null;
        }
        try {
            return new FaceOptions(detector, trainPolicy.get(), testPolicy.get(), floor, order.get(), alignment.get());
        } catch (IllegalArgumentException e) {
            errors.put(Field.MIN_PROBABILITY, sentence(e));
            return null;
        }
    }

    private Long parseLong(StringProperty p, Field f, String message) {
        try {
            return Long.parseLong(text(p));
        } catch (NumberFormatException e) {
            errors.put(f, message);
            return null;
        }
    }

    private Integer parseInt(StringProperty p, Field f, String message) {
        try {
            return Integer.parseInt(text(p));
        } catch (NumberFormatException e) {
            errors.put(f, message);
            return null;
        }
    }

    private Double parseDouble(StringProperty p, Field f, String message) {
        try {
            double d = Double.parseDouble(text(p).replace(',', '.'));
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            errors.put(f, message);
            return null;
        }
    }

    private static int intOrThrow(String text, String message) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    private static String sentence(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "Invalid value." : e.getMessage();
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    public ObservableMap<Field, String> errors() {
        return errors;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** False while no dataset is open (there is no workspace to save to). */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
