package org.ferworkbench.core.plan;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.split.SplitParameters;

import java.util.List;
import java.util.Map;

/**
 * What an export will contain, decided before a pixel is rendered: per class the counts at every stage, the rows to
 * render in export order, and every file that gets no row with its reason. The command line renders it, the app's
 * Distribution tab and class list show it, {@code prepare --dry-run} prints it: one value, so they cannot disagree.
 *
 * @param dataset   the dataset as planned (without classes left out on request, labels as exported)
 * @param notes     how the split was made (subjects), which classes were left out
 * @param unchecked images not read yet, planned as if fine (0 for the command line)
 * @param splitOf   the side each usable image landed on (by relative path), for badges in the app
 * @param groups    every group of two or more files that belong together (copies of one image, one subject, or both
 *                  joined) and where it went
 * @param copies    every group of copies of one image (exact or near), under the id of the group it is part of: what the
 *                  app's Duplicates view lists and acts on (one row per set of copies, not per subject)
 * @param groupOf   the group id of each grouped file (by relative path); files in no group are absent
 * @param split     how the split was made (ratio, subjects, what was done with duplicates)
 */
public record ExportPlan(Dataset dataset, List<ClassPlan> classes, List<PlannedJob> jobs, List<NotExported> notExported,
                         List<String> notes, int unchecked, Map<String, SplitName> splitOf, List<PlannedGroup> groups,
                         List<PlannedGroup> copies, Map<String, Integer> groupOf, SplitParameters split) {
    public ExportPlan {
        classes = List.copyOf(classes);
        jobs = List.copyOf(jobs);
        notExported = List.copyOf(notExported);
        notes = List.copyOf(notes);
        splitOf = Map.copyOf(splitOf);
        groups = List.copyOf(groups);
        copies = List.copyOf(copies);
        groupOf = Map.copyOf(groupOf);
    }

    /** Groups with files on both sides of the split (none unless duplicates are ignored). */
    public long straddlingGroups() {
        return groups.stream().filter(PlannedGroup::straddles).count();
    }

    /** Images in a group (each counted once). */
    public int imagesInGroups() {
        return groupOf.size();
    }

    /** Images that have a copy (exact or near) in the dataset. */
    public int imagesWithCopies() {
        return copies.stream().mapToInt(PlannedGroup::size).sum();
    }

    /** Sets of copies of one image filed under several classes. */
    public long labelConflictGroups() {
        return copies.stream().filter(PlannedGroup::labelConflict).count();
    }

    public int finalTrain() {
        return classes.stream().mapToInt(ClassPlan::finalTrain).sum();
    }

    public int finalTest() {
        return classes.stream().mapToInt(ClassPlan::finalTest).sum();
    }
}
