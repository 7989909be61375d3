package org.ferworkbench.core.curation;

import java.nio.file.Path;

/**
 * Child process of JournalCrashTest: opens the journal, then records decisions one at a time and prints an
 * acknowledgement after each record() returns, until it is killed. Op i of run r is fully determined by (r, i).
 */
public final class JournalCrashChild {
    private JournalCrashChild() { }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        try (DecisionJournal journal = DecisionJournal.open(file)) {
            System.out.println("OPEN");
            System.out.flush();
            for (int i = 0; ; i++) {
                JournalCrashTest.Op op = JournalCrashTest.op(run, i);
                if (op.clear()) journal.clear(op.path());
                else journal.record(op.reject() ? ReviewDecision.reject(op.path(), RejectReason.WRONG_FACE) : ReviewDecision.accept(op.path()));
                System.out.println("ACK " + i);
                System.out.flush();
            }
        }
    }
}
