package org.ferworkbench.core.duplicates;

import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The default finder on real datasets: duplicates are found, and unrelated faces do not merge into blobs. */
class RealDuplicatesTest {
    private final DuplicateFinder finder = new DuplicateFinder(DuplicateFinder.DEFAULT_MAX_DISTANCE);

    /** Photos of many people, frames of the same videos among them: pairs of neighbouring frames, nothing bigger. */
    @Test
    void muxspaceGroupsStaySmall() {
        List<RealImages.Item> items = RealImages.folder(TestData.sharedDataOrSkip("muxspace_fer6"));
        DuplicateGroups groups = finder.find(items.stream().map(RealImages.Item::candidate).toList());
        assertThat(groups.groups()).hasSizeBetween(3, 30);
        assertThat(groups.groups()).allSatisfy(g -> assertThat(g.size()).isLessThanOrEqualTo(4));
    }

    /**
     * CK+ gives the last 3 frames of each sequence, aligned frontal faces of 118 people: every triplet is found,
     * groups hold at most one person's sequences (two people at most, rarely), never a blob of many.
     */
    @Test
    void ckPlusGroupsAreSequencesAndPeopleNotBlobs() {
        List<RealImages.Item> items = RealImages.folder(TestData.sharedDataOrSkip("ckplus48"));
        DuplicateGroups groups = finder.find(items.stream().map(RealImages.Item::candidate).toList());
        for (RealImages.Item item : items) {
            DuplicateGroup g = groups.groupOf(item.id());
            assertThat(g).as(item.id()).isNotNull();
            String sequence = sequence(item.id());
            assertThat(g.members().stream().filter(m -> sequence(m).equals(sequence)).count()).as(item.id()).isGreaterThanOrEqualTo(2);
        }
        int largest = groups.groups().stream().mapToInt(DuplicateGroup::size).max().orElse(0);
        assertThat(largest).isLessThanOrEqualTo(30);
        long mixed = groups.groups().stream().filter(g -> g.members().stream().map(RealDuplicatesTest::subject).distinct().count() > 1).count();
        assertThat(mixed).isLessThanOrEqualTo(groups.groups().size() / 20);
        assertThat(groups.groups()).allSatisfy(g ->
                assertThat(g.members().stream().map(RealDuplicatesTest::subject).distinct().count()).isLessThanOrEqualTo(2));
    }

    private static String sequence(String id) {
        return id.substring(id.indexOf('/') + 1, id.indexOf('/') + 9);    // S005_001
    }

    private static String subject(String id) {
        return id.substring(id.indexOf('/') + 1, id.indexOf('/') + 5);    // S005
    }
}
