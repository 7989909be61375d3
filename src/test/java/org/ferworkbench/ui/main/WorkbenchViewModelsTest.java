package org.ferworkbench.ui.main;

import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.curation.Verdict;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.ui.browser.ClassRow;
import org.ferworkbench.ui.browser.StatusFilter;
import org.ferworkbench.ui.common.CurrentThreadTaskExecutor;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole workbench without a window: every ViewModel wired as in the app, work done on the calling thread. */
class WorkbenchViewModelsTest {
    @TempDir
    Path dir;

    private WorkbenchViewModels start(RecordingDialogs dialogs) {
        Path home = dir.resolve("home");
        return WorkbenchViewModels.create(new WorkbenchViewModels.Services(new CurrentThreadTaskExecutor(), dialogs,
                UiPreferences.load(home), home, p -> true, new FakeFaces(), config -> PreparePipeline.withoutDetection(), 2));
    }

    @Test
    void openReviewRestartAndExport() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = start(dialogs);
        vms.main().openDataset(data);

        // opened: classes with counts and shares, workspace beside the dataset, every image checked
        assertThat(dialogs.errors).isEmpty();
        assertThat(vms.browser().classes()).extracting(ClassRow::className, ClassRow::images)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anger", 12), org.assertj.core.groups.Tuple.tuple("disgust", 5),
                        org.assertj.core.groups.Tuple.tuple("fear", 9));
        assertThat(vms.main().getSession().workspace().folder()).isEqualTo(dir.resolve("data.fer-workbench"));
        assertThat(vms.main().getSession().items()).noneMatch(i -> i.getStatus() == SampleStatus.UNCHECKED);
        assertThat(vms.main().recentDatasets()).containsExactly(data.toAbsolutePath().normalize());

        // the fear class: one unreadable, one without a face, one with two faces
        vms.browser().selectedClassProperty().set("fear");
        assertThat(vms.browser().visibleItems()).hasSize(9);
        vms.browser().filterProperty().set(StatusFilter.UNREADABLE);
        assertThat(vms.browser().visibleItems()).extracting(SampleItem::fileName).containsExactly("fear_broken.jpg");
        vms.browser().filterProperty().set(StatusFilter.NO_FACE);
        assertThat(vms.browser().visibleItems()).extracting(SampleItem::fileName).containsExactly("fear_001.jpg");
        vms.browser().filterProperty().set(StatusFilter.ALL);
        vms.browser().searchProperty().set("_00");
        assertThat(vms.browser().visibleItems()).hasSize(8);
        vms.browser().searchProperty().set("");

        // charts: the split of readable images (8 fear images readable -> 2 test, 6 train), balanced to the majority
        ClassPlan fearBefore = row(vms, "fear");
        assertThat(fearBefore.original()).isEqualTo(9);
        assertThat(fearBefore.unreadable()).isEqualTo(1);
        assertThat(fearBefore.trainSplit() + fearBefore.testSplit()).isEqualTo(8);
        // balanced after the face policy dropped the train images without exactly one face, as the export does:
        // every class reaches the largest class's count of kept train images
        int majority = vms.distribution().rows().stream().mapToInt(c -> c.trainSplit() - c.droppedTrainTotal()).max().orElseThrow();
        assertThat(fearBefore.droppedTrainTotal()).isPositive();
        assertThat(vms.distribution().rows()).extracting(ClassPlan::finalTrain).containsOnly(majority);

        // reject a one-face train image of fear: counts and charts change, balancing makes up for it
        SampleItem target = vms.browser().visibleItems().stream()
                .filter(i -> i.getStatus() == SampleStatus.OK && "train".equals(split(vms, i))).findFirst().orElseThrow();
        vms.browser().select(target);
        vms.review().reasonProperty().set(RejectReason.WRONG_FACE);
        vms.review().reject();
        assertThat(target.getStatus()).isEqualTo(SampleStatus.REJECTED);
        assertThat(vms.browser().classes().get(2).rejected()).isEqualTo(1);
        ClassPlan fearAfter = row(vms, "fear");
        assertThat(fearAfter.rejected()).isEqualTo(1);
        assertThat(fearAfter.finalTrain()).isEqualTo(majority);

        // undo, and reject again
        vms.review().undo();
        assertThat(target.getStatus()).isEqualTo(SampleStatus.OK);
        assertThat(row(vms, "fear").rejected()).isZero();
        vms.browser().select(target);
        vms.review().reject();

        // restart: a new set of ViewModels over the same files finds the decision
        vms.main().closeDataset();
        WorkbenchViewModels again = start(dialogs);
        assertThat(again.main().recentDatasets()).containsExactly(data.toAbsolutePath().normalize());
        again.main().openDataset(again.main().recentDatasets().get(0));
        SampleItem kept = again.main().getSession().item(target.relativePath());
        assertThat(kept.getStatus()).isEqualTo(SampleStatus.REJECTED);
        assertThat(kept.decision().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(kept.decision().reason()).isEqualTo(RejectReason.WRONG_FACE);

        // export without detection (the fake detector is not a pipeline stage), read the arrays back
        again.settings().detectFaces.set(false);
        assertThat(again.main().getSession().config().detectFaces()).isFalse();
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("exports"));
        again.export().start();
        assertThat(dialogs.errors).isEmpty();
        Path out = dir.resolve("exports/data-export");
        assertThat(again.export().reportProperty().get().output()).isEqualTo(out);
        NpyFile y = NpyFile.read(out.resolve("y_train.npy"));
        NpyFile x = NpyFile.read(out.resolve("x_train.npy"));
        // every class balanced to the majority, the rejected fear image made up for, exactly as the Distribution tab
        // planned it (the solid dark and light images in every class are one group of blanks: on one side)
        int[] planned = again.distribution().rows().stream().mapToInt(ClassPlan::finalTrain).toArray();
        assertThat(planned).containsOnly(planned[0]);
        assertThat(y.labelCounts()).containsExactly(planned);
        assertThat(x.shape()).containsExactly(3 * planned[0], 96, 96, 3);
        assertThat(again.distribution().summaryProperty().get()).contains("6 images in 1 duplicate group (each on one side)");
        assertThat(x.descr()).isEqualTo("<f4");
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertThat(manifest).contains(target.relativePath()).contains("rejected");
        assertThat(again.export().summary()).hasSize(3);
        // the Distribution tab's numbers for these settings are the arrays' (one plan behind both)
        again.distribution().refresh();
        NpyFile yTest = NpyFile.read(out.resolve("y_test.npy"));
        assertThat(again.distribution().rows()).hasSize(3).allSatisfy(c -> {
            assertThat(c.finalTrain()).as("train rows of %s", c.name()).isEqualTo(y.labelCounts()[c.label()]);
            assertThat(c.finalTest()).as("test rows of %s", c.name()).isEqualTo(yTest.labelCounts()[c.label()]);
        });
        assertThat(again.export().resultProperty().get()).startsWith("Exported " + 3 * planned[0] + " train");
        again.export().openFolder();
        assertThat(dialogs.opened).containsExactly(out);

        // the settings were saved with the workspace
        assertThat(Files.readString(again.main().getSession().workspace().settingsFile())).contains("\"detectFaces\" : false");
    }

    @Test
    void aFolderThatIsNotADatasetGetsAClearMessage() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = start(dialogs);
        Path notADataset = Files.createDirectories(dir.resolve("holiday-photos"));
        Files.writeString(notADataset.resolve("notes.txt"), "no class folders here");
        vms.main().openDataset(notADataset);
        assertThat(vms.main().getSession()).isNull();
        assertThat(dialogs.errors).singleElement().asString()
                .startsWith("Cannot open the dataset: No class folders in").contains("one sub-folder of images per class");
        // a dataset that has gone is dropped from the recent list
        Path gone = dir.resolve("gone");
        vms.main().openDataset(gone);
        assertThat(vms.main().recentDatasets()).doesNotContain(gone);
    }

    /**
     * The status bar names the dataset (issue 17): a folder named "view" that could not be opened gave "Could not
     * open view.", which read as if a view of the window had failed; an opened one is named before its counts.
     */
    @Test
    void theStatusBarNamesTheDatasetFolder() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = start(dialogs);
        Path view = Files.createDirectories(dir.resolve("view"));
        vms.main().openDataset(view);
        assertThat(vms.main().getSession()).isNull();
        assertThat(vms.main().statusProperty().get())
                .isEqualTo("Could not open the dataset folder \u201cview\u201d (" + view.toAbsolutePath().normalize() + ").");

        Path data = Datasets.small(dir.resolve("view-data"));
        vms.main().openDataset(data);
        assertThat(vms.main().statusProperty().get()).isEqualTo("view-data: 26 images in 3 classes");
        assertThat(vms.main().workspaceText()).isEqualTo(dir.resolve("view-data.fer-workbench").toString());
    }

    @Test
    void filesThatAreNotImagesOfAClassAreNamedWithTheirReason() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = start(dialogs);
        Path data = Datasets.small(dir.resolve("data"));
        Files.writeString(data.resolve("README.txt"), "about");
        Files.createDirectories(data.resolve("anger/old"));
        vms.main().openDataset(data);
        assertThat(vms.main().notUsedProperty().get()).isEqualTo("2 files not used");
        vms.main().showNotUsed();
        assertThat(dialogs.infos).singleElement().asString().startsWith("Files not used: ")
                .contains("README.txt: file at the dataset root").contains("anger/old: folder nested inside class 'anger'");
        vms.main().closeDataset();
        assertThat(vms.main().notUsedProperty().get()).isEmpty();
    }

    private static ClassPlan row(WorkbenchViewModels vms, String name) {
        return vms.distribution().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String split(WorkbenchViewModels vms, SampleItem item) {
        var s = vms.main().getSession().getPlannedSplit(item.relativePath());
        return s == null ? null : s.id();
    }

    @Test
    void aRecentDatasetThisJvmCannotNameIsLeftOutAndTheAppStillStarts() throws Exception {
        // a lone surrogate cannot be a file name in any charset, like a CJK name under LC_ALL=C
        Path data = Datasets.small(dir.resolve("data"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(UiPreferences.file(dir.resolve("home")), "{\"recentDatasets\": [\"/data/\\ud800x\", \""
                + data.toAbsolutePath().normalize() + "\"]}");
        WorkbenchViewModels vms = start(new RecordingDialogs());
        assertThat(vms.main().recentDatasets()).containsExactly(data.toAbsolutePath().normalize());
    }
}
