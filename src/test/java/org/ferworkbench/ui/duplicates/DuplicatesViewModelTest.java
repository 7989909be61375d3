package org.ferworkbench.ui.duplicates;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Duplicates tab over the plan the export uses: its groups, filters, and "keep this one". */
class DuplicatesViewModelTest {
    @TempDir
    Path dir;

    @Test
    void listsThePlansGroupsAndKeepingOneRejectsTheOthers() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        // a byte copy inside one class besides the dataset's own cross-class copies (its two solid images in every class)
        Files.copy(data.resolve("anger/anger_005.jpg"), data.resolve("anger/again.jpg"));
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(data);
        DuplicatesViewModel d = vms.duplicates();

        // the blank images (solid dark and light, in every class) are one group: blank is blank whatever its level
        assertThat(d.rows()).hasSize(2);
        assertThat(d.rows().get(0).members()).as("largest first").hasSize(6);
        assertThat(d.summaryProperty().get()).startsWith("2 group(s) (8 images), 0 straddle the split, 1 with files in several classes");
        d.filterProperty().set(DuplicatesViewModel.Filter.LABEL_CONFLICTS);
        assertThat(d.rows()).hasSize(1).allMatch(DuplicatesViewModel.GroupRow::labelConflict);
        d.filterProperty().set(DuplicatesViewModel.Filter.ALL);

        DuplicatesViewModel.GroupRow pair = d.rows().stream().filter(r -> r.members().contains("anger/again.jpg")).findFirst().orElseThrow();
        d.selectedProperty().set(pair);
        List<SampleItem> items = d.members(pair);
        assertThat(items).extracting(SampleItem::relativePath).containsExactly("anger/again.jpg", "anger/anger_005.jpg");
        d.keepOnly(items.get(1));
        assertThat(items.get(0).getStatus()).isEqualTo(SampleStatus.REJECTED);
        assertThat(items.get(0).decision().reason()).isEqualTo(RejectReason.DUPLICATE);
        assertThat(items.get(1).getStatus()).isNotEqualTo(SampleStatus.REJECTED);
        assertThat(d.messageProperty().get()).isEqualTo("Kept anger/anger_005.jpg; rejected 1 duplicate of it.");
        assertThat(vms.main().getSession().rejectedPaths()).containsExactly("anger/again.jpg");
    }
    @Test
    void aGroupMarkedAsNotDuplicatesLeavesThePlanAndUndoBringsItBack() throws Exception {
        Path data = Datasets.small(dir.resolve("data"));
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(data);
        DuplicatesViewModel d = vms.duplicates();
        // the six blanks: a dark trio and a light trio (byte copies within each), linked as near copies by their flat
        // thumbnails; marked as not duplicates, the two trios stay groups of their own
        DuplicatesViewModel.GroupRow blanks = d.rows().get(0);
        assertThat(blanks.kind()).contains("near");
        d.selectedProperty().set(blanks);
        d.markNotDuplicates();
        assertThat(d.messageProperty().get()).startsWith("Group " + blanks.id() + " marked as not duplicates");
        assertThat(vms.main().getSession().notDuplicates()).containsExactly(Set.copyOf(blanks.members()));
        assertThat(d.rows()).noneMatch(r -> r.members().equals(blanks.members()));
        assertThat(d.rows()).filteredOn(r -> blanks.members().containsAll(r.members())).hasSize(2)
                .allMatch(r -> r.members().size() == 3 && r.kind().equals("exact"));
        d.undoGroupDecision();
        assertThat(d.rows()).anyMatch(r -> r.members().equals(blanks.members()));
        assertThat(vms.main().getSession().notDuplicates()).isEmpty();
    }

    /** Two made-up people among the anger images: their descriptors, as the recognition net would give them. */
    private static java.util.Map<String, org.ferworkbench.core.analysis.FaceAnalysis> twoPeople() {
        java.util.Random r = new java.util.Random(3);
        java.util.Map<String, org.ferworkbench.core.analysis.FaceAnalysis> out = new java.util.HashMap<>();
        var neutral = org.ferworkbench.core.facenet.FaceExpressions.of(new float[] {1, 0, 0, 0, 0, 0, 0});
        for (int p = 0; p < 2; p++) {
            float[] person = new float[128];
            for (int i = 0; i < 128; i++) person[i] = (float) (r.nextGaussian() * 0.1);
            for (int k = 0; k < 3; k++) {
                float[] v = person.clone();
                for (int i = 0; i < 128; i++) v[i] += (float) (r.nextGaussian() * 0.01);
                out.put(String.format("anger/anger_%03d.jpg", 3 + 3 * p + k),
                        new org.ferworkbench.core.analysis.FaceAnalysis(new org.ferworkbench.core.facenet.FaceDescriptor(v), neutral));
            }
        }
        return out;
    }

    @Test
    void identitiesAreListedAndAReviewerCanTakeAnImageOutOrDissolveOne() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        var session = vms.main().getSession();
        var c = session.config();
        session.configProperty().set(c.withSplit(c.split().withGroupBy(org.ferworkbench.core.split.GroupBy.IDENTITY)));
        session.applyAnalyses(twoPeople());
        DuplicatesViewModel d = vms.duplicates();
        d.filterProperty().set(DuplicatesViewModel.Filter.IDENTITIES);
        assertThat(d.rows()).hasSize(2).allMatch(DuplicatesViewModel.GroupRow::identity)
                .allMatch(r -> r.members().size() == 3 && !r.labelConflict());
        assertThat(d.summaryProperty().get()).contains("2 hold an identity");
        assertThat(session.getIdentityOf("anger/anger_003.jpg")).contains("3 images").contains("anger/anger_004.jpg");

        DuplicatesViewModel.GroupRow first = d.rows().stream().filter(r -> r.members().contains("anger/anger_003.jpg")).findFirst().orElseThrow();
        d.selectedProperty().set(first);
        d.notThisPerson(session.item("anger/anger_003.jpg"));
        assertThat(session.notDuplicates()).containsExactly(Set.of("anger/anger_003.jpg"));
        assertThat(d.rows()).hasSize(2).anyMatch(r -> r.members().equals(List.of("anger/anger_004.jpg", "anger/anger_005.jpg")));
        assertThat(session.getIdentityOf("anger/anger_003.jpg")).isEmpty();

        DuplicatesViewModel.GroupRow second = d.rows().stream().filter(r -> r.members().contains("anger/anger_006.jpg")).findFirst().orElseThrow();
        d.selectedProperty().set(second);
        d.markNotDuplicates();
        assertThat(d.messageProperty().get()).startsWith("Group " + second.id() + " marked as not one person");
        assertThat(d.rows()).hasSize(1);
        d.undoGroupDecision();
        assertThat(d.rows()).hasSize(2);

        // "same person": the two identities become one, kept on one side; undo parts them again
        d.samePerson(List.copyOf(d.rows()));
        assertThat(d.messageProperty().get()).contains("marked as one person: 5 images kept together");
        assertThat(d.rows()).hasSize(1);
        assertThat(d.rows().get(0).members()).hasSize(5).doesNotContain("anger/anger_003.jpg");
        assertThat(session.groupDecisions().samePerson()).hasSize(1);
        d.samePerson(List.of(d.rows().get(0)));
        assertThat(d.messageProperty().get()).startsWith("Select two or more identities");
        d.undoGroupDecision();
        assertThat(d.rows()).hasSize(2);
        assertThat(session.groupDecisions().samePerson()).isEmpty();
    }
}
