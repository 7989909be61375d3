package org.ferworkbench.ui.review;

import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Workbenches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewViewModelTest {
    @TempDir
    Path dir;

    @Test
    void reviewModeStepsThroughTheImagesThatNeedALookWithTheSuggestedReason() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        // image 1 of each class has no face, image 2 has two: 6 need a look
        assertThat(vms.review().progressProperty().get()).isEqualTo("6 images need a look");

        vms.review().reviewModeProperty().set(true);
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SampleItem current = vms.browser().getSelectedItem();
            visited.add(current.fileName());
            RejectReason suggested = vms.review().reasonProperty().get();
            assertThat(suggested).isEqualTo(current.fileName().endsWith("_001.jpg") ? RejectReason.NO_FACE : RejectReason.SEVERAL_FACES);
            if (i == 3) vms.review().accept();   // a reviewer may also keep one
            else vms.review().reject();
        }
        assertThat(visited).containsExactly("anger_001.jpg", "anger_002.jpg", "disgust_001.jpg", "disgust_002.jpg",
                "fear_001.jpg", "fear_002.jpg");
        assertThat(vms.review().reviewModeProperty().get()).isFalse();
        assertThat(vms.review().progressProperty().get()).contains("Review done");
        var s = vms.main().getSession();
        assertThat(s.item("disgust/disgust_002.jpg").getStatus()).isEqualTo(SampleStatus.ACCEPTED);
        assertThat(s.item("anger/anger_001.jpg").decision().reason()).isEqualTo(RejectReason.NO_FACE);
        assertThat(s.rejectedPaths()).hasSize(5);

        // undo goes back one decision at a time and shows the image again
        vms.review().undo();
        assertThat(s.item("fear/fear_002.jpg").decision()).isNull();
        assertThat(vms.browser().getSelectedItem().relativePath()).isEqualTo("fear/fear_002.jpg");
        assertThat(vms.review().canUndoProperty().get()).isTrue();
        assertThat(vms.review().progressProperty().get()).isEqualTo("1 image needs a look");
    }

    @Test
    void aDisputedLabelNeedsALookAndSuggestsWrongLabel() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var s = vms.main().getSession();
        float[] disgusted = {0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.95f, 0.0f};
        float[] angry = {0.01f, 0.01f, 0.01f, 0.95f, 0.01f, 0.005f, 0.005f};
        var descriptor = new org.ferworkbench.core.facenet.FaceDescriptor(new float[128]);
        s.applyAnalyses(java.util.Map.of(
                "anger/anger_003.jpg", new org.ferworkbench.core.analysis.FaceAnalysis(descriptor,
                        org.ferworkbench.core.facenet.FaceExpressions.of(disgusted)),
                "anger/anger_004.jpg", new org.ferworkbench.core.analysis.FaceAnalysis(descriptor,
                        org.ferworkbench.core.facenet.FaceExpressions.of(angry))));
        assertThat(s.item("anger/anger_003.jpg").getStatus()).isEqualTo(SampleStatus.LABEL_DISPUTED);
        assertThat(s.item("anger/anger_003.jpg").opinion().describe("anger")).isEqualTo(
                "label disputed: anger 1%, the net says disgust 95%");
        assertThat(s.item("anger/anger_004.jpg").getStatus()).as("the net agrees").isEqualTo(SampleStatus.OK);
        assertThat(s.item("anger/anger_001.jpg").getStatus()).as("a face problem is more serious").isEqualTo(SampleStatus.NO_FACE);
        assertThat(vms.review().progressProperty().get()).isEqualTo("7 images need a look");

        vms.review().reviewModeProperty().set(true);
        vms.review().reject();   // anger_001
        vms.review().reject();   // anger_002
        assertThat(vms.browser().getSelectedItem().relativePath()).isEqualTo("anger/anger_003.jpg");
        assertThat(vms.review().reasonProperty().get()).isEqualTo(RejectReason.WRONG_LABEL);
        vms.review().accept();
        assertThat(s.item("anger/anger_003.jpg").getStatus()).isEqualTo(SampleStatus.ACCEPTED);

        // label names: with anger standing for the net's "disgusted", the net no longer disputes anger_005's label
        s.applyAnalyses(java.util.Map.of("anger/anger_005.jpg", new org.ferworkbench.core.analysis.FaceAnalysis(descriptor,
                org.ferworkbench.core.facenet.FaceExpressions.of(disgusted))));
        assertThat(s.item("anger/anger_005.jpg").getStatus()).isEqualTo(SampleStatus.LABEL_DISPUTED);
        var d = vms.distribution();
        d.labelMapProperty().set("rage=angry");
        d.applyLabelMap();
        assertThat(d.labelMapMessageProperty().get()).contains("no class of the dataset: 'rage'");
        assertThat(s.item("anger/anger_005.jpg").getStatus()).as("a wrong map changes nothing").isEqualTo(SampleStatus.LABEL_DISPUTED);
        d.labelMapProperty().set("anger=disgusted");
        d.applyLabelMap();
        assertThat(s.item("anger/anger_005.jpg").getStatus()).isEqualTo(SampleStatus.OK);
        assertThat(s.workspace().readLabelMap()).contains("anger=disgusted");

        s.clearAnalyses();
        assertThat(s.item("anger/anger_004.jpg").opinion()).isNull();
        assertThat(s.analysesView()).isEmpty();
    }

    @Test
    void arrowsMoveWithinTheVisibleImages() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.browser().selectedClassProperty().set("anger");
        assertThat(vms.browser().getSelectedItem().fileName()).isEqualTo("anger_000.jpg");
        vms.browser().move(4);
        assertThat(vms.browser().getSelectedItem().fileName()).isEqualTo("anger_004.jpg");
        vms.browser().move(-10);
        assertThat(vms.browser().getSelectedItem().fileName()).isEqualTo("anger_000.jpg");
        vms.browser().move(100);
        assertThat(vms.browser().getSelectedItem().fileName()).isEqualTo("anger_011.jpg");
    }
}
