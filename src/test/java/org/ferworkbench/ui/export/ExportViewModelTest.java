package org.ferworkbench.ui.export;

import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.ThreadTaskExecutor;
import org.ferworkbench.ui.support.Workbenches;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportViewModelTest {
    @TempDir
    Path dir;

    /** Polls until the condition holds (a minute at most: then the assertions after it report what is wrong). */
    /**
     * View models whose tasks run on their own threads (so an export can be cancelled or edited around while it runs),
     * with the dataset open. Returns once the opening is over: the session's listeners (the settings form loading the
     * dataset's settings) run on the task's thread here, and an edit made while they run would be overwritten.
     */
    private static WorkbenchViewModels openOnThreads(Path home, Path data, RecordingDialogs dialogs) throws InterruptedException {
        WorkbenchViewModels vms = Workbenches.create(home, dialogs, new FakeFaces(), new ThreadTaskExecutor());
        vms.main().openDataset(data);
        waitFor(() -> vms.main().getSession() != null && !vms.main().openingProperty().get());
        return vms;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < until) Thread.sleep(5);
    }

    /**
     * "Open folder" after an export: the file manager is asked; where there is none (no desktop, or it failed), the
     * export's path is shown in a dialog and put on the clipboard (issue 17).
     */
    /** The small set exported (no detection, 24 px) to out/data-export, the folder chosen in the dialog. */
    private WorkbenchViewModels exportSmallSet(RecordingDialogs dialogs) throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), dialogs, new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.settings().detectFaces.set(false);
        vms.settings().outputSize.set("24");
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("out"));
        vms.export().start();
        return vms;
    }

    @Test
    void openFolderShowsAndCopiesThePathWhenNoFileManagerCanOpenIt() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = exportSmallSet(dialogs);
        Path target = dir.resolve("out/data-export");
        assertThat(vms.export().reportProperty().get().output()).isEqualTo(target);

        vms.export().openFolder();
        assertThat(dialogs.opened).containsExactly(target);
        assertThat(dialogs.infos).isEmpty();
        assertThat(dialogs.clipboard).isEmpty();

        dialogs.folderOpens = false;
        vms.export().openFolder();
        assertThat(dialogs.opened).containsExactly(target, target);
        assertThat(dialogs.clipboard).containsExactly(target.toString());
        assertThat(dialogs.infos).singleElement().asString().startsWith("Export folder: No file manager could be opened")
                .contains("\n" + target + "\n").contains("on the clipboard");

        // the workspace folder (Dataset menu) alike
        vms.main().openWorkspaceFolder();
        Path workspace = vms.main().getSession().workspace().folder();
        assertThat(dialogs.opened).last().isEqualTo(workspace);
        assertThat(dialogs.clipboard).last().isEqualTo(workspace.toAbsolutePath().toString());
        assertThat(dialogs.infos).last().asString().startsWith("Workspace folder: ").contains(workspace.toAbsolutePath().toString());
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theFolderIsChosenOnceAndAnEarlierExportIsReplacedOnlyWhenConfirmed() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = exportSmallSet(dialogs);
        Path target = dir.resolve("out/data-export");
        assertThat(target.resolve("x_train.npy")).exists();
        long first = Files.getLastModifiedTime(target.resolve("config.json")).toMillis();

        // the second export asks before replacing; "no" leaves it alone, without asking for the folder again
        dialogs.directoryAnswer = null;
        dialogs.confirmAnswer = false;
        vms.export().start();
        assertThat(Files.getLastModifiedTime(target.resolve("config.json")).toMillis()).isEqualTo(first);
        dialogs.confirmAnswer = true;
        vms.settings().seed.set("7");
        vms.export().start();
        assertThat(Files.readString(target.resolve("config.json"))).contains("\"seed\" : 7");
        assertThat(dialogs.errors).isEmpty();
        // a folder of that name that is not an export is never touched
        Path other = Files.createDirectories(dir.resolve("elsewhere/data-export"));
        Files.writeString(other.resolve("thesis.tex"), "mine");
        assertThat(ExportViewModel.targetFor(dir.resolve("elsewhere"), "data")).isEqualTo(dir.resolve("elsewhere/data-export-2"));
    }

    @Test
    void theSummaryListsTheFilesThatWereNotUsedWithTheirReason() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = Datasets.small(dir.resolve("data"));
        Files.writeString(data.resolve("README.txt"), "about this set");
        Files.writeString(data.resolve("anger/broken.jpg"), "not a picture");
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), dialogs, new FakeFaces());
        vms.main().openDataset(data);
        vms.settings().detectFaces.set(false);
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("out"));
        vms.export().start();
        // with the small set's own corrupt fear_broken.jpg: three files
        assertThat(vms.export().notUsedTitleProperty().get()).startsWith("Not used: 3 files");
        assertThat(vms.export().notUsed()).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("README.txt: ").contains("dataset root"))
                .anySatisfy(l -> assertThat(l).startsWith("anger/broken.jpg: "))
                .anySatisfy(l -> assertThat(l).startsWith("fear/fear_broken.jpg: "));
        assertThat(dialogs.errors).isEmpty();
        // the classes that got copies, with what augmentation did (no detection: every draw exported, nothing turned back)
        var report = vms.export().reportProperty().get();
        var augmented = report.classes().stream().filter(c -> c.plannedCopies > 0).map(c -> c.className).toList();
        assertThat(augmented).isNotEmpty();
        assertThat(vms.export().augmentation()).extracting(AugmentationRow::className).containsExactlyElementsOf(augmented);
        assertThat(vms.export().augmentation()).allSatisfy(row -> {
            assertThat(row.exportedRotation()).isEqualTo(row.drawnRotation());
            assertThat(row.numbers()).contains("no draw discarded");
            assertThat(row.netRotation().total()).isEqualTo(row.exportedRotation().total());
        });
    }

    @Test
    void withoutADetectorTheExportSaysSoBeforeReadingAnything() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), dialogs,
                org.ferworkbench.ui.face.FacePreviewService.unavailable("MTCNN models missing"));
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.export().start();
        assertThat(dialogs.errors).singleElement().asString()
                .isEqualTo("Face detection is not available: Face detection not available: MTCNN models missing. "
                        + "Switch off \"Detect faces\" in the settings to export whole images (for already cropped datasets).");
        assertThat(vms.export().runningProperty().get()).isFalse();
        assertThat(vms.export().targetProperty().get()).isNull();
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = TestData.dataset(dir.resolve("big"), Map.of("anger", 400, "fear", 150), 64);
        // tasks run on their own threads, so the export can be cancelled while it runs
        WorkbenchViewModels threaded = openOnThreads(dir.resolve("home2"), data, dialogs);
        threaded.settings().detectFaces.set(false);
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("out"));
        threaded.export().start();
        waitFor(() -> threaded.export().progressProperty().get() > 0);
        threaded.export().cancel();
        waitFor(() -> !threaded.export().runningProperty().get());
        assertThat(threaded.export().resultProperty().get()).isEqualTo("Export cancelled; nothing was written.");
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertThat(left).isEmpty();
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void reviewAndSettingsChangedDuringAnExportApplyToTheNextOne() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = TestData.dataset(dir.resolve("big"), Map.of("anger", 1500, "fear", 500), 64);
        WorkbenchViewModels vms = openOnThreads(dir.resolve("home"), data, dialogs);
        vms.settings().detectFaces.set(false);
        vms.settings().outputSize.set("24");
        vms.settings().seed.set("5");
        dialogs.directoryAnswer = Files.createDirectories(dir.resolve("out"));
        vms.export().start();
        waitFor(() -> vms.export().progressProperty().get() > 0);

        // meanwhile the user browses, rejects an image and changes a setting
        vms.browser().selectedClassProperty().set("fear");
        vms.browser().selectIndex(3);
        String rejected = vms.browser().getSelectedItem().relativePath();
        vms.review().reject();
        vms.settings().seed.set("9");
        assertThat(vms.export().runningProperty().get()).as("the export was still running during the changes").isTrue();
        assertThat(vms.main().getSession().rejectedPaths()).contains(rejected);

        waitFor(() -> !vms.export().runningProperty().get());
        Path target = dir.resolve("out/big-export");
        assertThat(Files.readString(target.resolve("config.json"))).as("this export keeps its settings").contains("\"seed\" : 5");
        assertThat(Files.readString(target.resolve("manifest.csv"))).doesNotContain("rejected in review");

        // the next export applies both
        dialogs.confirmAnswer = true;
        vms.export().start();
        waitFor(() -> !vms.export().runningProperty().get());
        assertThat(Files.readString(target.resolve("config.json"))).contains("\"seed\" : 9");
        assertThat(Files.readAllLines(target.resolve("manifest.csv"))).filteredOn(l -> l.contains(rejected))
                .singleElement().asString().contains("rejected in review");
        assertThat(dialogs.errors).isEmpty();
    }

    /** View models (tasks on the calling thread) with the small dataset open and detection off. */
    private static WorkbenchViewModels openWithoutDetection(Path home, Path data, RecordingDialogs dialogs) {
        WorkbenchViewModels vms = Workbenches.create(home, dialogs, new FakeFaces());
        vms.main().openDataset(data);
        vms.settings().detectFaces.set(false);
        return vms;
    }

    @Test
    void aFolderInsideTheDatasetOrItsWorkspaceIsNeverChosen() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = Datasets.small(dir.resolve("data"));
        WorkbenchViewModels vms = openWithoutDetection(dir.resolve("home"), data, dialogs);
        dialogs.directoryAnswer = data.resolve("anger");
        vms.export().start();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Choose another folder: Refusing to export to "
                + data.resolve("anger/data-export") + ": it is inside the dataset");
        assertThat(vms.export().targetProperty().get()).isNull();
        assertThat(data.resolve("anger/data-export")).doesNotExist();

        dialogs.errors.clear();
        dialogs.directoryAnswer = vms.main().getSession().workspace().folder();
        vms.export().chooseFolder();
        assertThat(vms.export().targetProperty().get()).isNull();
        assertThat(dialogs.errors).singleElement().asString().contains("it is inside the review workspace");
    }

    @Test
    void quittingDuringAnExportAsksAndClosesOnlyOnceTheExportHasCleanedUp() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = TestData.dataset(dir.resolve("big"), Map.of("anger", 600, "fear", 200), 64);
        WorkbenchViewModels vms = openOnThreads(dir.resolve("home"), data, dialogs);
        vms.settings().detectFaces.set(false);
        Path out = Files.createDirectories(dir.resolve("out"));
        dialogs.directoryAnswer = out;
        assertThat(vms.export().requestClose(() -> { })).as("nothing running: close at once").isTrue();
        vms.export().start();
        waitFor(() -> vms.export().progressProperty().get() > 0);

        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        dialogs.confirmAnswer = false;
        assertThat(vms.export().requestClose(closed::incrementAndGet)).isFalse();
        assertThat(vms.export().runningProperty().get()).as("the user kept the export running").isTrue();

        dialogs.confirmAnswer = true;
        assertThat(vms.export().requestClose(closed::incrementAndGet)).isFalse();
        waitFor(() -> closed.get() > 0);
        assertThat(closed.get()).isEqualTo(1);
        assertThat(vms.export().runningProperty().get()).isFalse();
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).as("no staging folder or lock left").isEmpty();
        }
    }

    @Test
    void atStartLeftoversOfKilledExportsAreRemovedAndTheUserIsTold() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        Path data = Datasets.small(dir.resolve("data"));
        WorkbenchViewModels vms = openWithoutDetection(dir.resolve("home"), data, dialogs);
        Path out = Files.createDirectories(dir.resolve("out"));
        dialogs.directoryAnswer = out;
        vms.export().start();
        // an export killed outright leaves its staging folder (with the owner file every staging folder gets)
        Path leftover = Files.createDirectories(out.resolve(".data-export.partial-0a1b2c3d"));
        Files.writeString(leftover.resolve(".fer-workbench-staging"), "killed");
        Path foreign = Files.createDirectories(out.resolve(".data-export.partial-99999999"));

        java.util.List<String> notices = new java.util.ArrayList<>();
        vms.export().cleanUpInterruptedExports(notices::add);
        assertThat(notices).singleElement().asString().contains(leftover.toString()).contains("interrupted run");
        assertThat(leftover).doesNotExist();
        assertThat(foreign).as("no owner file: not ours").exists();
        assertThat(org.ferworkbench.core.export.ExportFolder.isExport(out.resolve("data-export"))).isTrue();
    }
}
