package org.ferworkbench.cli;

import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.core.plan.ExportPlan;

import java.io.PrintWriter;
import java.util.Locale;

/** The export plan as the table the app's Distribution tab shows, one row per class (prepare --dry-run). */
final class PlanTable {
    private PlanTable() { }

    private static final String ROW = "%-14s %8s %6s %6s %6s %6s %6s %6s %7s %6s | %7s %6s%n";

    static void print(PrintWriter out, ExportPlan plan) {
        out.printf(Locale.ROOT, ROW, "class", "original", "unread", "train", "test", "reject", "drop-tr", "drop-te",
                "balance", "copies", "x_train", "x_test");
        for (ClassPlan c : plan.classes()) {
            out.printf(Locale.ROOT, ROW, c.name(), c.original(), c.unreadable(), c.trainSplit(), c.testSplit(), c.rejected(),
                    c.droppedTrainTotal(), c.droppedTestTotal(), c.balanceTarget(), c.copies(), c.finalTrain(), c.finalTest());
        }
        out.printf(Locale.ROOT, ROW, "total", "", "", "", "", "", "", "", "", "", plan.finalTrain(), plan.finalTest());
        for (ClassPlan c : plan.classes()) {
            c.droppedTrain().forEach((reason, n) -> out.printf(Locale.ROOT, "  %s: %d train image(s) dropped: %s%n", c.name(), n, reason));
            c.droppedTest().forEach((reason, n) -> out.printf(Locale.ROOT, "  %s: %d test image(s) dropped: %s%n", c.name(), n, reason));
            if (c.wholeImageTest() > 0) {
                out.printf(Locale.ROOT, "  %s: %d test image(s) without a face kept as whole images%n", c.name(), c.wholeImageTest());
            }
        }
        plan.notes().forEach(n -> out.println("Note: " + n));
        org.ferworkbench.core.plan.GroupSummary.lines(plan).forEach(out::println);
        out.println("Dry run: nothing was written. In the study's order a copy whose face is lost is drawn again, so the "
                + "train rows stay as planned.");
    }
}
