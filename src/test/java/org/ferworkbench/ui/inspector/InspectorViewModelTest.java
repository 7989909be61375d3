package org.ferworkbench.ui.inspector;

import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Workbenches;
import org.ferworkbench.core.read.SourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InspectorViewModelTest {
    @TempDir
    Path dir;

    @Test
    void showsFacesTheExportCropVariantsAndMetadata() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        Path data = Datasets.small(dir.resolve("data"));
        vms.main().openDataset(data);
        vms.browser().selectedClassProperty().set("anger");
        vms.browser().selectIndex(3);
        InspectorViewModel inspector = vms.inspector();
        assertThat(inspector.titleProperty().get()).isEqualTo("anger/anger_003.jpg");
        assertThat(inspector.originalProperty().get().width()).isEqualTo(40);
        assertThat(inspector.detections()).hasSize(1);
        assertThat(inspector.chosenProperty().get()).isEqualTo(inspector.detections().get(0));
        assertThat(inspector.outputProperty().get().width()).isEqualTo(96);
        // the fake face's box is 20 px, centred 10 px from the left edge, turned 7.1°: a corner leaves the image
        assertThat(inspector.outputCaptionProperty().get())
                .isEqualTo("96×96, eyes levelled by 7.1°; 0.4% of the crop lies outside the image, filled black");
        assertThat(inspector.cropProperty().get().corners()).hasSize(4);
        // augmented copies: on a training image (anger_003 is a test image, which gets none)
        vms.browser().reveal(firstTrain(vms));
        assertThat(inspector.variants()).hasSize(6).extracting(Variant::copyIndex).containsExactly(0, 1, 2, 3, 4, 5);
        vms.browser().selectIndex(3);
        String sha = SourceReader.sha256(Files.readAllBytes(data.resolve("anger/anger_003.jpg")));
        assertThat(inspector.metadata()).contains(new MetadataRow("SHA-256", sha), new MetadataRow("Size", "40 × 40 px"),
                new MetadataRow("Class", "anger (label 0)"), new MetadataRow("Status", "ok"));
        assertThat(inspector.metadata()).extracting(MetadataRow::key).contains("Split", "Faces");

        // re-roll: six further augmentations, each with its own parameters
        vms.browser().reveal(firstTrain(vms));
        List<String> first = inspector.variants().stream().map(Variant::caption).toList();
        inspector.reroll();
        assertThat(inspector.variants()).extracting(Variant::copyIndex).containsExactly(6, 7, 8, 9, 10, 11);
        assertThat(inspector.variants().stream().map(Variant::caption).toList()).doesNotContainAnyElementsOf(first);

        // an image the face stage drops says why
        vms.browser().selectIndex(1);
        assertThat(inspector.outputProperty().get()).isNull();
        assertThat(inspector.outputCaptionProperty().get()).isEqualTo("Dropped by the face stage: no face");
        assertThat(inspector.cropProperty().get()).isNull();
        assertThat(inspector.faceNoteProperty().get()).isEqualTo("No face found.");
    }

    /** The settings' crop fill reaches the inspector: its square on the original, and the caption says the fill. */
    @Test
    void theCropFillIsShownAndFollowsTheSettings() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.browser().selectedClassProperty().set("anger");
        vms.browser().selectIndex(3);
        InspectorViewModel inspector = vms.inspector();
        CropGeometry black = inspector.cropProperty().get();
        assertThat(black.fill()).isEqualTo(CropFill.BLACK);
        assertThat(black.side()).isEqualTo(20).isEqualTo(black.fullSide());
        assertThat(black.outsideFraction()).isBetween(0.001, 0.01);
        // the square is centred on the fake face's box (0, 2)-(20, 22), turned with its eyes
        assertThat(black.corners().stream().mapToDouble(CropGeometry.Point::x).average().orElseThrow()).isCloseTo(10, within(1e-6));
        assertThat(black.corners().stream().mapToDouble(CropGeometry.Point::y).average().orElseThrow()).isCloseTo(12, within(1e-6));

        vms.settings().cropFill.set(CropFill.CLIP);
        assertThat(inspector.outputCaptionProperty().get()).isEqualTo("96×96, eyes levelled by 7.1°; clipped to the image: side 18 of 20 px");
        assertThat(inspector.cropProperty().get().side()).isEqualTo(18);
        assertThat(inspector.cropProperty().get().outsideFraction()).isZero();
        assertThat(inspector.outputProperty().get().width()).as("resized to the output as ever").isEqualTo(96);

        vms.settings().cropFill.set(CropFill.EDGE);
        assertThat(inspector.outputCaptionProperty().get())
                .isEqualTo("96×96, eyes levelled by 7.1°; 0.4% of the crop lies outside the image, filled with edge pixels");
        assertThat(inspector.cropProperty().get().corners()).isEqualTo(black.corners());
    }

    @Test
    void theCaptionSaysWhatTheFillDid() {
        java.util.List<CropGeometry.Point> square = List.of(new CropGeometry.Point(-10, 0), new CropGeometry.Point(120, 0),
                new CropGeometry.Point(120, 130), new CropGeometry.Point(-10, 130));
        assertThat(InspectorViewModel.describeCrop(new CropGeometry(CropFill.EDGE, square, 130, 130, 0.18)))
                .isEqualTo("18% of the crop lies outside the image, filled with edge pixels");
        assertThat(InspectorViewModel.describeCrop(new CropGeometry(CropFill.BLACK, square, 130, 130, 0.0449)))
                .isEqualTo("4.5% of the crop lies outside the image, filled black");
        assertThat(InspectorViewModel.describeCrop(new CropGeometry(CropFill.CLIP, square, 130, 112, 0)))
                .isEqualTo("clipped to the image: side 112 of 130 px");
        assertThat(InspectorViewModel.describeCrop(new CropGeometry(CropFill.CLIP, square, 130, 130, 0)))
                .isEqualTo("the crop lies inside the image");
        assertThat(InspectorViewModel.describeCrop(new CropGeometry(CropFill.BLACK, square, 130, 130, 0)))
                .isEqualTo("the crop lies inside the image");
    }

    @Test
    void withoutADetectorItSaysSoAndStillShowsTheImage() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(),
                FacePreviewService.unavailable("models missing"));
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        assertThat(vms.inspector().originalProperty().get()).isNotNull();
        assertThat(vms.inspector().faceNoteProperty().get()).isEqualTo("Face detection not available: models missing");
        assertThat(vms.inspector().outputCaptionProperty().get()).isEqualTo("No aligned crop (face detection not available)");
        vms.browser().reveal(firstTrain(vms));
        assertThat(vms.inspector().variants()).hasSize(6);
        // with detection switched off, the export uses the whole image: that is what is shown
        vms.settings().detectFaces.set(false);
        assertThat(vms.inspector().outputProperty().get().width()).isEqualTo(96);
        assertThat(vms.inspector().outputCaptionProperty().get()).isEqualTo("96×96, whole image");
        assertThat(vms.inspector().cropProperty().get()).isNull();
    }

    @Test
    void anUnreadableFileIsExplained() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.browser().reveal(vms.main().getSession().item("fear/fear_broken.jpg"));
        assertThat(vms.inspector().originalProperty().get()).isNull();
        assertThat(vms.inspector().problemProperty().get()).startsWith("Cannot show this image: The file cannot be used");
    }

    /** Right after a decision the inspector says what the export will do with the image: no stale "ok" or crop. */
    @Test
    void everyDecisionShowsAtOnceAndNothingContradictsIt() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.browser().selectedClassProperty().set("anger");
        vms.browser().selectIndex(3);
        InspectorViewModel inspector = vms.inspector();
        assertThat(inspector.outputProperty().get()).isNotNull();
        assertThat(inspector.metadata()).contains(new MetadataRow("Status", "ok"));

        vms.review().reject();
        assertThat(inspector.outputProperty().get()).as("a rejected image's crop is not shown as exported").isNull();
        assertThat(inspector.outputCaptionProperty().get()).startsWith("Not exported: rejected in review (");
        assertThat(inspector.metadata()).contains(new MetadataRow("Status", "rejected in review"));
        vms.review().undo();
        assertThat(inspector.outputProperty().get()).isNotNull();
        assertThat(inspector.metadata()).contains(new MetadataRow("Status", "ok"));

        // two faces, dropped by the study's rule: no face is "used", and accepting says it is still dropped and how to keep it
        vms.browser().selectIndex(2);
        assertThat(inspector.detections()).hasSize(2);
        assertThat(inspector.chosenProperty().get()).isNull();
        assertThat(inspector.faceNoteProperty().get()).doesNotContain("used");
        assertThat(inspector.outputCaptionProperty().get()).isEqualTo("Dropped by the face stage: several faces (2)");
        vms.review().accept();
        assertThat(inspector.metadata()).contains(new MetadataRow("Status", "accepted in review"));
        assertThat(inspector.outputCaptionProperty().get())
                .startsWith("Accepted in review, but the face stage still drops it: several faces (2). ")
                .contains("\"use the largest face\"");

        // no face: the same, with the way to keep it that the image's side allows
        vms.browser().selectIndex(1);
        vms.review().accept();
        boolean test = vms.main().getSession().getPlannedSplit("anger/anger_001.jpg") == org.ferworkbench.core.split.SplitName.TEST;
        assertThat(inspector.outputCaptionProperty().get()).startsWith("Accepted in review, but the face stage still drops it: no face. ")
                .contains(test ? "\"whole image if none\"" : "Training images without a face are always dropped");
    }

    static org.ferworkbench.ui.session.SampleItem firstTrain(WorkbenchViewModels vms) {
        var session = vms.main().getSession();
        return session.items().stream().filter(i -> i.sample().className().equals("anger")
                && session.getPlannedSplit(i.relativePath()) == org.ferworkbench.core.split.SplitName.TRAIN
                && !i.relativePath().endsWith("_001.jpg") && !i.relativePath().endsWith("_002.jpg")).findFirst().orElseThrow();
    }

    @Test
    void testImagesShowNoAugmentedCopies() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var session = vms.main().getSession();
        var test = session.items().stream().filter(i -> session.getPlannedSplit(i.relativePath()) == org.ferworkbench.core.split.SplitName.TEST)
                .findFirst().orElseThrow();
        var train = session.items().stream().filter(i -> session.getPlannedSplit(i.relativePath()) == org.ferworkbench.core.split.SplitName.TRAIN)
                .findFirst().orElseThrow();
        vms.browser().reveal(test);
        assertThat(vms.inspector().variantsShownProperty().get()).isFalse();
        assertThat(vms.inspector().variants()).isEmpty();
        assertThat(vms.inspector().metadata()).contains(new MetadataRow("Split", "test"));
        vms.browser().reveal(train);
        assertThat(vms.inspector().variantsShownProperty().get()).isTrue();
        assertThat(vms.inspector().variants()).hasSize(6);
    }

    @Test
    void howToKeepNamesTheSettingThatWould() {
        assertThat(InspectorViewModel.howToKeep("several faces (3)", org.ferworkbench.core.split.SplitName.TRAIN))
                .contains("for train images");
        assertThat(InspectorViewModel.howToKeep("no face", org.ferworkbench.core.split.SplitName.TEST))
                .contains("\"whole image if none\" for test images");
        assertThat(InspectorViewModel.howToKeep("no face above probability 0.9", org.ferworkbench.core.split.SplitName.TRAIN))
                .contains("minimum probability");
    }
}
