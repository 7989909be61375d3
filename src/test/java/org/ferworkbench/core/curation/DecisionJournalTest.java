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
}
