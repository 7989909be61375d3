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
import java.util.Map;

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

    @Test
    void acceptingAnImageTheFacePolicyDropsSaysItStaysDropped() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.browser().selectedClassProperty().set("anger");
        vms.browser().selectIndex(1);
        vms.review().accept();
        assertThat(message(vms)).isEqualTo("anger_001.jpg accepted · the face stage still drops it (no face): the inspector"
                + " says how to keep it");
        // with detection off the whole image is exported: nothing to add
        vms.review().undo();
        vms.settings().detectFaces.set(false);
        vms.review().accept();
        assertThat(message(vms)).isEqualTo("anger_001.jpg accepted");
    }

    @Test
    void everyDecisionFromEverySourceIsConfirmedWithUndoAndEntersTheHistory() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var review = vms.review();
        var s = vms.main().getSession();
        vms.browser().selectedClassProperty().set("anger");
        assertThat(review.confirmationProperty().get()).isNull();

        vms.browser().selectIndex(3);
        review.accept();
        assertThat(message(vms)).isEqualTo("anger_003.jpg accepted");

        assertThat(review.confirmationProperty().get().action()).isEqualTo(Confirmation.Action.UNDO);
        vms.browser().selectIndex(4);
        review.reasonProperty().set(RejectReason.BAD_ALIGNMENT);
        review.reject();
        assertThat(message(vms)).isEqualTo("anger_004.jpg rejected (bad alignment)");

        review.undo();
        assertThat(message(vms)).isEqualTo("Undo: anger_004.jpg undecided");
        assertThat(review.confirmationProperty().get().action()).isEqualTo(Confirmation.Action.REDO);
        assertThat(s.item("anger/anger_004.jpg").decision()).isNull();
        assertThat(review.canRedoProperty().get()).isTrue();
        review.redo();
        assertThat(message(vms)).isEqualTo("Redo: anger_004.jpg rejected (bad alignment)");
        assertThat(s.item("anger/anger_004.jpg").decision().reason()).isEqualTo(RejectReason.BAD_ALIGNMENT);
        assertThat(review.canRedoProperty().get()).isFalse();

        // the Groups tab's "keep this one" is a step of the review too: confirmed, undone as a whole
        var d = vms.duplicates();
        var blanks = d.rows().get(0);
        d.selectedProperty().set(blanks);
        var members = d.members(blanks);
        d.keepOnly(members.get(0));
        int rejectedAsCopies = members.size() - 1;
        assertThat(message(vms)).isEqualTo(rejectedAsCopies + " images rejected (duplicate)");
        review.undo();
        assertThat(message(vms)).isEqualTo("Undo: " + rejectedAsCopies + " images undecided");
        assertThat(members.subList(1, members.size())).allMatch(i -> i.decision() == null);

        // the history: newest first, every change with its time, image, verdict and reason
        List<DecisionRecord> h = review.history();
        assertThat(h).hasSize(4 + 2 * rejectedAsCopies);
        assertThat(h.get(0).how()).isEqualTo("undo");
        assertThat(h.get(0).verdict()).isNull();
        DecisionRecord redone = h.get(2 * rejectedAsCopies);
        assertThat(redone.relativePath()).isEqualTo("anger/anger_004.jpg");
        assertThat(redone.verdictText()).isEqualTo("rejected");
        assertThat(redone.reasonText()).isEqualTo("bad alignment");
        assertThat(redone.how()).isEqualTo("redo");
        assertThat(h.get(h.size() - 1)).extracting(DecisionRecord::fileName, DecisionRecord::verdictText, DecisionRecord::how)
                .containsExactly("anger_003.jpg", "accepted", "");
        assertThat(h).allMatch(r -> r.at() != null);
    }

    @Test
    void severalSelectedImagesAreDecidedTogetherAsOneStep() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var b = vms.browser();
        var s = vms.main().getSession();
        b.selectedClassProperty().set("anger");
        b.selectIndex(4);
        b.extendTo(b.visibleItems().get(7));
        b.toggle(b.visibleItems().get(10));
        assertThat(b.selectedItems()).extracting(SampleItem::fileName)
                .containsExactly("anger_004.jpg", "anger_005.jpg", "anger_006.jpg", "anger_007.jpg", "anger_010.jpg");
        assertThat(b.getSelectedItem().fileName()).as("the inspector's image").isEqualTo("anger_010.jpg");
        assertThat(b.shownProperty().get()).isEqualTo("5 selected · 12 of 12 images");
        vms.review().reasonProperty().set(RejectReason.WRONG_FACE);
        vms.review().reject();
        assertThat(message(vms)).isEqualTo("5 images rejected (wrong face)");
        assertThat(s.rejectedPaths()).containsExactly("anger/anger_004.jpg", "anger/anger_005.jpg", "anger/anger_006.jpg",
                "anger/anger_007.jpg", "anger/anger_010.jpg");
        assertThat(b.getSelectedItem().fileName()).isEqualTo("anger_010.jpg");
        // one undo takes the whole step back
        vms.review().undo();
        assertThat(s.rejectedPaths()).isEmpty();
        assertThat(vms.review().canUndoProperty().get()).isFalse();
        vms.review().redo();
        assertThat(s.rejectedPaths()).hasSize(5);

        // Ctrl+A in a filtered view: what is shown, nothing else
        b.filterProperty().set(org.ferworkbench.ui.browser.StatusFilter.values()[0]);
        b.searchProperty().set("_00");
        b.selectAll();
        assertThat(b.selectedItems()).hasSize(10);
        vms.review().accept();
        // anger_001 (no face) and anger_002 (two faces) among them: accepting does not override the face policy
        assertThat(message(vms)).isEqualTo("10 images accepted · 2 of them still dropped by the face stage");
        assertThat(s.item("anger/anger_010.jpg").getStatus()).isEqualTo(SampleStatus.REJECTED);
        assertThat(s.item("anger/anger_009.jpg").getStatus()).isEqualTo(SampleStatus.ACCEPTED);
        // a plain click (select) goes back to one image
        b.select(b.visibleItems().get(2));
        assertThat(b.selectedItems()).hasSize(1);
        assertThat(b.shownProperty().get()).isEqualTo("10 of 12 images");
    }

    @Test
    void undoAndRedoAreJournaledSoARestartShowsTheSameState() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        Path home = dir.resolve("home");
        WorkbenchViewModels vms = Workbenches.create(home, new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(data);
        var b = vms.browser();
        b.selectedClassProperty().set("fear");
        b.selectIndex(3);
        vms.review().accept();
        b.selectIndex(4);
        b.extendBy(2);
        vms.review().reject();
        vms.review().undo();
        vms.review().undo();
        vms.review().redo();
        assertThat(vms.review().canRedoProperty().get()).as("the rejection can still be redone").isTrue();
        // a new decision drops what could be redone
        b.selectIndex(7);
        vms.review().reject();
        assertThat(vms.review().canRedoProperty().get()).isFalse();
        Map<String, String> before = states(vms);
        vms.main().closeDataset();

        WorkbenchViewModels again = Workbenches.create(home, new RecordingDialogs(), new FakeFaces());
        again.main().openDataset(data);
        assertThat(states(again)).isEqualTo(before);
        assertThat(before).containsOnlyKeys("fear/fear_003.jpg", "fear/fear_007.jpg");
        // the history starts with the decisions saved, newest first
        assertThat(again.review().history()).extracting(DecisionRecord::relativePath, DecisionRecord::how)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fear/fear_007.jpg", "saved"),
                        org.assertj.core.groups.Tuple.tuple("fear/fear_003.jpg", "saved"));
        assertThat(again.review().canUndoProperty().get()).isFalse();
    }

    @Test
    void aLineOfTheHistoryShowsItsImageInItsClass() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var b = vms.browser();
        b.selectedClassProperty().set("disgust");
        b.selectIndex(4);
        vms.review().reject();
        b.selectedClassProperty().set("anger");
        b.filterProperty().set(org.ferworkbench.ui.browser.StatusFilter.values()[0]);
        assertThat(b.getSelectedItem().fileName()).as("another class starts at its first image").isEqualTo("anger_000.jpg");
        vms.review().show(vms.review().history().get(0));
        assertThat(b.selectedClassProperty().get()).isEqualTo("disgust");
        assertThat(b.getSelectedItem().relativePath()).isEqualTo("disgust/disgust_004.jpg");
    }

    @Test
    void aReviewKeyPressedElsewhereSaysWhyItDidNothing() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        vms.review().keyIgnored("R");
        assertThat(message(vms)).startsWith("R did nothing: the review keys act when the image grid");
        assertThat(vms.review().confirmationProperty().get().action()).isEqualTo(Confirmation.Action.NONE);
        assertThat(vms.review().history()).isEmpty();
    }

    private static String message(WorkbenchViewModels vms) {
        return vms.review().confirmationProperty().get().message();
    }

    /** Each decided image's verdict and reason. */
    private static Map<String, String> states(WorkbenchViewModels vms) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (SampleItem i : vms.main().getSession().items()) {
            if (i.decision() != null) out.put(i.relativePath(), i.decision().verdict() + " " + i.decision().reason());
        }
        return out;
    }
}
