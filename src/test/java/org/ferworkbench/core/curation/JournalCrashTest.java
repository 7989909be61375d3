package org.ferworkbench.core.curation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills (SIGKILL) a process 100 times at random moments while it records review decisions into one journal,
 * and checks after each kill that the journal opens, and every decision acknowledged before the kill is there.
 */
class JournalCrashTest {
    @TempDir
    Path tmp;

    /** Op i of run r: mostly record accept/reject of a new image, sometimes undo (clear) an earlier image of the run. */
    record Op(String path, boolean clear, boolean reject) { }

    static Op op(int run, int i) {
        Random r = new Random(run * 1_000_003L + i);
        if (i > 3 && r.nextInt(5) == 0) {
            return new Op("run" + run + "/img" + r.nextInt(i) + ".jpg", true, false);
        }
        return new Op("run" + run + "/img" + i + ".jpg", false, r.nextBoolean());
    }

    @Test
    void everyAcknowledgedDecisionSurvivesAHundredKills() throws Exception {
        Path journalFile = tmp.resolve("ws/decisions.jsonl");
        Random random = new Random(42);
        Map<String, Optional<Verdict>> expected = new HashMap<>();
        int totalAcked = 0;
        for (int run = 0; run < 100; run++) {
            // the child's output goes to a file, so every acknowledgement it printed before dying is kept
            Path log = tmp.resolve("child-" + run + ".log");
            Process child = new ProcessBuilder(javaBin(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), JournalCrashChild.class.getName(), journalFile.toString(),
                    Integer.toString(run)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // kill after a random number of acknowledged ops (0..40), i.e. at a random point of a write
            int killAfter = random.nextInt(40);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAck(log) < killAfter && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("run %d: the journal opened after the previous kill", run).isNotEmpty();
            assertThat(lines.get(0)).as("run %d: the journal opened after the previous kill", run).isEqualTo("OPEN");
            int acked = lastAck(log);
            for (int i = 0; i <= acked; i++) {
                Op op = op(run, i);
                expected.put(op.path(), op.clear() ? Optional.empty() : Optional.of(op.reject() ? Verdict.REJECTED : Verdict.ACCEPTED));
            }
            totalAcked += acked + 1;
            Op inFlight = op(run, acked + 1); // may or may not have landed
            try (DecisionJournal journal = DecisionJournal.open(journalFile)) {
                for (Map.Entry<String, Optional<Verdict>> e : expected.entrySet()) {
                    if (e.getKey().equals(inFlight.path())) continue;
                    assertThat(journal.get(e.getKey()).map(ReviewDecision::verdict)).as("run %d, %s", run, e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
            // the in-flight op's path: whatever it is now becomes the truth for later runs
            try (DecisionJournal journal = DecisionJournal.open(journalFile)) {
                expected.put(inFlight.path(), journal.get(inFlight.path()).map(ReviewDecision::verdict));
            }
        }
        assertThat(totalAcked).as("decisions acknowledged over 100 runs").isGreaterThan(500);
        try (DecisionJournal journal = DecisionJournal.open(journalFile)) {
            assertThat(journal.all().size()).isEqualTo((int) expected.values().stream().filter(Optional::isPresent).count());
        }
    }

    private static int lastAck(Path log) throws java.io.IOException {
        int last = -1;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("ACK ")) last = Integer.parseInt(line.substring(4));
        }
        return last;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
