package org.ferworkbench.core.plan;

import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.LabelConflicts;
import org.ferworkbench.core.split.SplitParameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What a plan did with duplicate images, in sentences every front end prints the same way: how many groups and of
 * which kind, the largest ones, label conflicts, and either the achieved test share per class (groups kept whole) or
 * how many groups straddle the split (duplicates ignored).
 */
public final class GroupSummary {
    /** Groups named by their files in the summary, largest first. */
    static final int LARGEST_SHOWN = 3;

    private GroupSummary() { }

    public static List<String> lines(ExportPlan plan) {
        SplitParameters split = plan.split();
        List<String> lines = new ArrayList<>();
        List<PlannedGroup> copies = plan.copies();
        if (copies.isEmpty()) {
            lines.add("Duplicates: none found (exact, or near within " + split.nearDistance() + " bits)");
        } else {
            long near = copies.stream().filter(PlannedGroup::hasNearCopies).count();
            lines.add(String.format(Locale.ROOT, "Duplicates: %d group(s) of 2 or more images (%d images): %d exact, %d with near copies",
                    copies.size(), plan.imagesWithCopies(), copies.size() - near, near));
            copies.stream()
                    .sorted(Comparator.comparingInt((PlannedGroup g) -> -g.size()).thenComparingInt(PlannedGroup::id))
                    .limit(LARGEST_SHOWN)
                    .forEach(g -> lines.add(String.format(Locale.ROOT, "  group %d, %d images, %s: %s", g.id(),
                            g.size(), g.split(), first(g.members(), 4))));
        }
        long conflicts = plan.labelConflictGroups();
        if (conflicts > 0) {
            List<String> named = copies.stream().filter(PlannedGroup::labelConflict).limit(LARGEST_SHOWN)
                    .map(g -> "group " + g.id() + " (" + String.join(", ", g.classes()) + ")").toList();
            lines.add(String.format(Locale.ROOT, "Label conflicts: %d group(s) hold the same image in several classes, %s: %s",
                    conflicts, split.labelConflicts() == LabelConflicts.DROP ? "left out (--label-conflicts drop)"
                            : "each kept on one side (--label-conflicts drop leaves them out)", String.join("; ", named)));
        }
        List<PlannedGroup> groups = plan.groups();
        if (split.duplicates() == DuplicateHandling.IGNORE) {
            lines.add(String.format(Locale.ROOT, "Duplicates ignored (--duplicates ignore): %d group(s) straddle the split, "
                    + "so some test images have a copy in train", plan.straddlingGroups()));
        } else if (!groups.isEmpty()) {
            StringJoiner shares = new StringJoiner(", ");
            for (ClassPlan c : plan.classes()) shares.add(String.format(Locale.ROOT, "%s %.1f%%", c.name(), 100 * c.testShare()));
            lines.add("Each group is on one side of the split; test share per class: " + shares);
        }
        return lines;
    }

    private static String first(List<String> files, int n) {
        return files.size() <= n ? String.join(", ", files)
                : String.join(", ", files.subList(0, n)) + ", ... (" + (files.size() - n) + " more)";
    }
}
