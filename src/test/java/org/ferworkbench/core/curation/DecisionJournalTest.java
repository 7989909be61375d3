package org.ferworkbench.core.curation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionJournalTest {
    @TempDir
    Path dir;

    @Test
    void decisionsSurviveReopening() throws Exception {
        Path file = dir.resolve("ws/decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(file)) {
            j.record(ReviewDecision.reject("anger/a.jpg", RejectReason.NO_FACE));
            j.record(ReviewDecision.accept("anger/b.jpg"));
            j.record(ReviewDecision.reject("fear/c.jpg", RejectReason.WRONG_FACE));
            j.clear("fear/c.jpg");
        }
        try (DecisionJournal j = DecisionJournal.open(file)) {
            assertThat(j.rejected()).containsExactly("anger/a.jpg");
            assertThat(j.get("anger/a.jpg")).get().extracting(ReviewDecision::reason).isEqualTo(RejectReason.NO_FACE);
            assertThat(j.get("anger/b.jpg")).get().extracting(ReviewDecision::verdict).isEqualTo(Verdict.ACCEPTED);
            assertThat(j.get("fear/c.jpg")).isEmpty();
            assertThat(j.warnings()).isEmpty();
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOff() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(file)) {
            j.record(ReviewDecision.reject("anger/a.jpg", RejectReason.OTHER));
        }
        // a kill in the middle of an append leaves half a line
        Files.write(file, "{\"path\":\"anger/b.jpg\",\"verd".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (DecisionJournal j = DecisionJournal.open(file)) {
            assertThat(j.rejected()).containsExactly("anger/a.jpg");
            assertThat(j.warnings()).hasSize(1).first().asString().contains("incomplete");
            j.record(ReviewDecision.reject("anger/c.jpg", RejectReason.SEVERAL_FACES));
        }
        try (DecisionJournal j = DecisionJournal.open(file)) {
            assertThat(j.rejected()).containsExactly("anger/a.jpg", "anger/c.jpg");
            assertThat(j.warnings()).isEmpty();
        }
    }

    @Test
    void aLongHistoryIsCompacted() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(file, 50)) {
            for (int i = 0; i < 40; i++) {
                j.record(ReviewDecision.reject("anger/a.jpg", RejectReason.OTHER));
                j.clear("anger/a.jpg");
            }
            j.record(ReviewDecision.accept("anger/b.jpg"));
        }
        try (DecisionJournal j = DecisionJournal.open(file, 50)) {
            assertThat(j.all()).containsOnlyKeys("anger/b.jpg");
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }
    @Test
    void decisionsOnGroupsSurviveReopeningCompactionAndAreReadByTheCommandLine() throws Exception {
        Path file = dir.resolve("ws/decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(file, 3)) {
            j.record(ReviewDecision.reject("a/1.jpg", RejectReason.DUPLICATE));
            j.recordNotDuplicates(java.util.Set.of("a/2.jpg", "b/3.jpg"));
            j.recordNotDuplicates(java.util.Set.of("a/4.jpg", "a/5.jpg", "b/6.jpg"));
            j.clearNotDuplicates(java.util.Set.of("b/6.jpg", "a/5.jpg", "a/4.jpg"));
            j.recordNotDuplicates(java.util.Set.of("a/7.jpg", "a/8.jpg"));
            j.recordSamePerson(java.util.Set.of("a/9.jpg", "b/9.jpg", "b/10.jpg"));
            j.recordSamePerson(java.util.Set.of("a/11.jpg", "b/11.jpg"));
            j.clearSamePerson(java.util.Set.of("b/11.jpg", "a/11.jpg"));
        }
        DecisionJournal.Snapshot snapshot = DecisionJournal.read(file);
        assertThat(snapshot.groups().separated()).containsExactly(java.util.Set.of("a/2.jpg", "b/3.jpg"), java.util.Set.of("a/7.jpg", "a/8.jpg"));
        assertThat(snapshot.groups().samePerson()).containsExactly(java.util.Set.of("a/9.jpg", "b/9.jpg", "b/10.jpg"));
        assertThat(snapshot.rejected()).containsExactly("a/1.jpg");
        assertThat(snapshot.decisions().get("a/1.jpg").reason()).isEqualTo(RejectReason.DUPLICATE);
        // reopening compacts the 8 lines (more than 3, more than 3 x 1 decision) and keeps the same state
        try (DecisionJournal j = DecisionJournal.open(file, 3)) {
            assertThat(j.groups()).isEqualTo(snapshot.groups());
        }
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(4);
        assertThat(DecisionJournal.read(file).groups()).isEqualTo(snapshot.groups());
    }

    @Test
    void aBulkActionIsOneWriteOfTheUsualLines() throws Exception {
        Path file = dir.resolve("ws/decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(file)) {
            j.record(ReviewDecision.accept("anger/c.jpg"));
            java.util.Map<String, ReviewDecision> bulk = new java.util.LinkedHashMap<>();
            bulk.put("anger/a.jpg", ReviewDecision.reject("anger/a.jpg", RejectReason.NO_FACE));
            bulk.put("anger/b.jpg", ReviewDecision.reject("anger/b.jpg", RejectReason.NO_FACE));
            bulk.put("anger/c.jpg", null);
            j.recordAll(bulk);
            assertThat(j.rejected()).containsExactly("anger/a.jpg", "anger/b.jpg");
            assertThat(j.get("anger/c.jpg")).isEmpty();
        }
        // one line per image, as record and clear write them: older readers (and prepare --decisions) read them
        java.util.List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("{\"path\":\"anger/a.jpg\",\"verdict\":\"rejected\",\"reason\":\"no_face\"");
        assertThat(lines.get(3)).startsWith("{\"path\":\"anger/c.jpg\",\"verdict\":\"none\"");
        DecisionJournal.Snapshot read = DecisionJournal.read(file);
        assertThat(read.rejected()).containsExactly("anger/a.jpg", "anger/b.jpg");
        assertThat(read.decisions()).doesNotContainKey("anger/c.jpg");
        assertThat(read.warnings()).isEmpty();
    }
}
