package org.ferworkbench.ui.settings;

import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.Setting;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Workbenches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewModelTest {
    @TempDir
    Path dir;
    private WorkbenchViewModels vms;
    private SettingsViewModel settings;
    private RecordingDialogs dialogs;

    @BeforeEach
    void open() throws Exception {
        dialogs = new RecordingDialogs();
        vms = Workbenches.create(dir.resolve("home"), dialogs, new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        settings = vms.settings();
    }

    private PrepareConfig config() {
        return vms.main().getSession().config();
    }

    @Test
    void startsFromTheStudysSettings() {
        assertThat(config()).isEqualTo(PrepareConfig.DEFAULTS);
        assertThat(settings.seed.get()).isEqualTo("42");
        assertThat(settings.testRatio.get()).isEqualTo("0.25");
        assertThat(settings.rotationMax.get()).isEqualTo("90");
        assertThat(settings.errors()).isEmpty();
    }

    @Test
    void everyBadValueIsExplainedOnItsFieldAndTheLastGoodSettingsStay() {
        settings.seed.set("forty-two");
        assertThat(settings.errors()).containsEntry(Setting.SEED, "Seed must be a whole number, e.g. 42, got 'forty-two'.");
        assertThat(settings.validProperty().get()).isFalse();
        settings.seed.set("7");
        assertThat(settings.errors()).isEmpty();
        assertThat(config().seed()).isEqualTo(7);

        settings.testRatio.set("1.5");
        assertThat(settings.errors().get(Setting.TEST_RATIO)).contains("between 0 and 1");
        assertThat(config().split().testRatio()).isEqualTo(0.25);
        settings.testRatio.set("0,3");   // a decimal comma is understood
        assertThat(config().split().testRatio()).isEqualTo(0.3);

        settings.groupPattern.set("^S\\d+_");
        assertThat(settings.errors().get(Setting.GROUP_PATTERN)).contains("capture group");
        settings.groupPattern.set("(S\\d+");
        assertThat(settings.errors().get(Setting.GROUP_PATTERN)).contains("not a valid regular expression");
        settings.groupPattern.set("^(S\\d+)_");
        assertThat(config().split().groupPattern()).isEqualTo("^(S\\d+)_");

        settings.rotationMin.set("50");
        settings.rotationMax.set("10");
        assertThat(settings.errors().get(Setting.ROTATION)).contains("MIN <= MAX");
        settings.rotationMax.set("60");
        assertThat(config().augmentation().rotationMax()).isEqualTo(60);

        settings.balanceMode.set(BalanceTarget.Mode.FIXED);
        assertThat(settings.errors().get(Setting.BALANCE)).contains("whole number");
        settings.balanceCount.set("300");
        assertThat(config().balance()).isEqualTo(BalanceTarget.fixed(300));

        settings.pnetThreshold.set("1.2");
        assertThat(settings.errors().get(Setting.THRESHOLDS)).contains("P-Net threshold");
        settings.pnetThreshold.set("0.5");
        settings.minFaceSize.set("0");
        assertThat(settings.errors().get(Setting.MIN_FACE_SIZE)).contains("at least 1");
        settings.minFaceSize.set("30");
        settings.testPolicy.set(FacePolicy.ONLY_ONE);
        assertThat(config().face().detector().minFaceSize()).isEqualTo(30);
        assertThat(config().face().detector().pnetThreshold()).isEqualTo(0.5);
        assertThat(config().face().testPolicy()).isEqualTo(FacePolicy.ONLY_ONE);

        settings.outputSize.set("8");
        assertThat(settings.errors().get(Setting.OUTPUT_SIZE)).contains("between 12 and 1024");
        settings.outputSize.set("64");
        settings.formatNpy.set(false);
        assertThat(settings.errors().get(Setting.FORMATS)).isEqualTo("Choose at least one output format.");
        settings.formatNpz.set(true);
        assertThat(config().outputSize()).isEqualTo(64);
        assertThat(settings.errors()).isEmpty();
    }

    @Test
    void exportIsOffWhileTheSettingsOnScreenAreInvalidAndSaysWhy() throws Exception {
        assertThat(vms.export().canExportProperty().get()).isTrue();
        assertThat(vms.export().exportBlockedReasonProperty().get()).isEmpty();

        settings.testRatio.set("1.5");
        assertThat(vms.export().canExportProperty().get()).isFalse();
        assertThat(vms.export().exportBlockedReasonProperty().get())
                .isEqualTo("Fix the settings to export: Test ratio must be between 0 and 1 (exclusive), got 1.5.");
        assertThat(settings.exportBlockedReasonProperty().get()).isEqualTo(vms.export().exportBlockedReasonProperty().get());
        // Export started anyway (a shortcut, a stale button) does nothing: never the last valid settings instead
        dialogs.directoryAnswer = java.nio.file.Files.createDirectories(dir.resolve("out"));
        vms.export().start();
        assertThat(vms.export().runningProperty().get()).isFalse();
        assertThat(dir.resolve("out/data-export")).doesNotExist();

        settings.outputSize.set("5");
        assertThat(vms.export().exportBlockedReasonProperty().get()).endsWith("got 1.5. (and 1 more in Settings)");

        settings.testRatio.set("0.3");
        settings.outputSize.set("96");
        assertThat(vms.export().canExportProperty().get()).isTrue();
        assertThat(vms.export().exportBlockedReasonProperty().get()).isEmpty();
        assertThat(config().split().testRatio()).isEqualTo(0.3);
    }

    @Test
    void openingAnotherDatasetClearsTheBlock() throws Exception {
        settings.seed.set("x");
        assertThat(vms.export().canExportProperty().get()).isFalse();
        vms.main().openDataset(Datasets.small(dir.resolve("other")));
        assertThat(settings.errors()).isEmpty();
        assertThat(vms.export().canExportProperty().get()).isTrue();
    }

    @Test
    void settingsAreSavedWithTheWorkspaceAndComeBack() throws Exception {
        settings.seed.set("1234");
        settings.flip.set(false);
        assertThat(settings.cropFill.get()).isEqualTo(org.ferworkbench.core.settings.FaceOptions.DEFAULT_CROP_FILL);
        settings.cropFill.set(CropFill.CLIP);
        assertThat(config().face().cropFill()).isEqualTo(CropFill.CLIP);
        Path file = vms.main().getSession().workspace().settingsFile();
        assertThat(ConfigFiles.read(file).seed()).isEqualTo(1234);
        assertThat(ConfigFiles.read(file).face().cropFill()).isEqualTo(CropFill.CLIP);

        WorkbenchViewModels again = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        again.main().openDataset(dir.resolve("data"));
        assertThat(again.settings().seed.get()).isEqualTo("1234");
        assertThat(again.settings().flip.get()).isFalse();
        assertThat(again.settings().cropFill.get()).isEqualTo(CropFill.CLIP);
        again.settings().resetToStudyDefaults();
        assertThat(again.main().getSession().config()).isEqualTo(PrepareConfig.DEFAULTS);
    }
}
