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
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
import org.ferworkbench.core.settings.Setting;
import org.ferworkbench.core.settings.SettingsProblem;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.session.DatasetSession;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every pipeline parameter as an editable field. Each change is validated at once; a field with a problem gets a
 * clear message, and once every field is valid the new configuration becomes the session's (charts and preview
 * follow) and is saved with the workspace after a short pause. Core's settings builder reads and checks the
 * fields, as it does the command-line options; while a field has a problem, Export is off and says why.
 */
public final class SettingsViewModel {
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
    public final ObjectProperty<org.ferworkbench.core.split.DuplicateHandling> duplicates = new SimpleObjectProperty<>();
    public final StringProperty nearDistance = new SimpleStringProperty();
    public final ObjectProperty<org.ferworkbench.core.split.LabelConflicts> labelConflicts = new SimpleObjectProperty<>();
    public final ObjectProperty<org.ferworkbench.core.split.GroupBy> groupBy = new SimpleObjectProperty<>();
    public final StringProperty identityThreshold = new SimpleStringProperty();
    public final ObjectProperty<FacePolicy> testPolicy = new SimpleObjectProperty<>();
    public final ObjectProperty<PipelineOrder> order = new SimpleObjectProperty<>();
    public final ObjectProperty<AlignmentMethod> alignment = new SimpleObjectProperty<>();
    public final ObjectProperty<CropFill> cropFill = new SimpleObjectProperty<>();
    public final StringProperty maxAttempts = new SimpleStringProperty();
    public final StringProperty outputSize = new SimpleStringProperty();
    public final ObjectProperty<OutputDtype> dtype = new SimpleObjectProperty<>();
    public final BooleanProperty formatNpy = new SimpleBooleanProperty();
    public final BooleanProperty formatNpz = new SimpleBooleanProperty();
    public final BooleanProperty formatPng = new SimpleBooleanProperty();

    private final ObservableMap<Setting, String> errors = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportBlockedReason = new ReadOnlyStringWrapper("");
    private boolean loading;
    private TaskHandle pendingSave = TaskHandle.DONE;

    public SettingsViewModel(ReadOnlyObjectProperty<DatasetSession> session, TaskExecutor executor) {
        this.session = session;
        this.executor = executor;
        load(PrepareConfig.DEFAULTS);
        Observable[] all = {seed, testRatio, groupPattern, duplicates, nearDistance, labelConflicts, groupBy, identityThreshold, balanceMode, balanceCount, rotate, rotationMin, rotationMax, brighten,
                brightnessMin, brightnessMax, flip, flipProbability, border, detectFaces, minFaceSize, pnetThreshold,
                rnetThreshold, onetThreshold, scaleFactor, minProbability, trainPolicy, testPolicy, order, alignment,
                cropFill, maxAttempts, outputSize, dtype, formatNpy, formatNpz, formatPng};
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
            duplicates.set(c.split().duplicates());
            nearDistance.set(Integer.toString(c.split().nearDistance()));
            labelConflicts.set(c.split().labelConflicts());
            groupBy.set(c.split().groupBy());
            identityThreshold.set(num(c.split().identityThreshold()));
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
            cropFill.set(f.cropFill());
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
        exportBlockedReason.set("");
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

    /**
     * Reads every field through core's settings builder (the same reading and rules as the command line and config
     * files); returns the configuration, or null with each problem on its field and Export blocked until fixed.
     */
    public PrepareConfig validate() {
        PrepareConfigBuilder b = PrepareConfig.builder()
                .parse(Setting.SEED, seed.get())
                .parse(Setting.TEST_RATIO, testRatio.get())
                .parse(Setting.GROUP_PATTERN, groupPattern.get())
                .duplicates(duplicates.get()).parse(Setting.NEAR_DISTANCE, nearDistance.get())
                .labelConflicts(labelConflicts.get())
                .groupBy(groupBy.get()).parse(Setting.IDENTITY_THRESHOLD, identityThreshold.get());
        switch (balanceMode.get() == null ? BalanceTarget.Mode.MAJORITY : balanceMode.get()) {
            case FIXED -> b.parse(Setting.BALANCE, balanceCount.get());
            case NONE -> b.balance(BalanceTarget.NONE);
            case MAJORITY -> b.balance(BalanceTarget.MAJORITY);
        }
        b.rotate(rotate.get()).parseParts(Setting.ROTATION, rotationMin.get(), rotationMax.get())
                .brighten(brighten.get()).parseParts(Setting.BRIGHTNESS, brightnessMin.get(), brightnessMax.get())
                .flip(flip.get()).parse(Setting.FLIP_PROBABILITY, flipProbability.get())
                .border(border.get())
                .detectFaces(detectFaces.get()).parse(Setting.MIN_FACE_SIZE, minFaceSize.get())
                .parseParts(Setting.THRESHOLDS, pnetThreshold.get(), rnetThreshold.get(), onetThreshold.get())
                .parse(Setting.SCALE_FACTOR, scaleFactor.get())
                .parse(Setting.MIN_PROBABILITY, minProbability.get())
                .trainFaces(trainPolicy.get()).testFaces(testPolicy.get()).order(order.get()).alignment(alignment.get())
                .cropFill(cropFill.get())
                .parse(Setting.MAX_ATTEMPTS, maxAttempts.get())
                .parse(Setting.OUTPUT_SIZE, outputSize.get())
                .dtype(dtype.get())
                .formats(formats());
        List<SettingsProblem> problems = b.problems();
        errors.clear();
        problems.forEach(p -> errors.put(p.setting(), sentence(p.message())));
        valid.set(problems.isEmpty());
        message.set(problems.isEmpty() ? "" : "Fix the highlighted settings; until then Export is off (the charts show the last valid settings).");
        exportBlockedReason.set(problems.isEmpty() ? "" : "Fix the settings to export: " + sentence(problems.get(0).message())
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more in Settings)" : ""));
        return problems.isEmpty() ? b.build() : null;
    }

    private Set<ExportFormat> formats() {
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        if (formatNpy.get()) formats.add(ExportFormat.NPY);
        if (formatNpz.get()) formats.add(ExportFormat.NPZ);
        if (formatPng.get()) formats.add(ExportFormat.PNG);
        return formats;
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    private static String sentence(String m) {
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    /** The problem of each field with one, as a sentence. */
    public ObservableMap<Setting, String> errors() {
        return errors;
    }

    /** Why Export is off: the settings on screen are not valid (empty when they are). */
    public ReadOnlyStringProperty exportBlockedReasonProperty() {
        return exportBlockedReason.getReadOnlyProperty();
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
