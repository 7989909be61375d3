package org.ferworkbench.core.plan;

import org.ferworkbench.core.duplicates.DuplicateGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as plain maps for JSON (stable key order): {@code prepare --dry-run --json} prints it, and an export's
 * summary.json carries the same per-class objects, so a script can check an export before running it and after.
 */
public final class PlanJson {
    private PlanJson() { }

    /** One class: the counts at every stage (dropped_* per side in total; the reasons are in {@link #of}). */
    public static Map<String, Object> ofClass(ClassPlan c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("label", c.label());
        m.put("original", c.original());
        m.put("unreadable", c.unreadable());
        m.put("train_split", c.trainSplit());
        m.put("test_split", c.testSplit());
        m.put("rejected", c.rejected());
        m.put("dropped_train", c.droppedTrainTotal());
        m.put("dropped_test", c.droppedTestTotal());
        m.put("balance_target", c.balanceTarget());
        m.put("copies", c.copies());
        m.put("final_train", c.finalTrain());
        m.put("final_test", c.finalTest());
        m.put("whole_image_test", c.wholeImageTest());
        m.put("test_share", Math.round(c.testShare() * 10000) / 10000.0);
        m.put("in_duplicate_groups", c.inDuplicateGroups());
        m.put("label_conflicts", c.labelConflicts());
        return m;
    }

    public static List<Map<String, Object>> classes(ExportPlan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClassPlan c : plan.classes()) out.add(ofClass(c));
        return out;
    }

    /**
     * Every group of two or more files that stay on one side: id (the manifest's group column), how its files are
     * linked ("exact", "near", "pattern", or a list of these), its files, their classes, whether copies of one image
     * carry different labels, and where it went ("train", "test", "dropped", or "both" when it straddles the split).
     */
    public static List<Map<String, Object>> groups(ExportPlan plan) {
        List<Map<String, Object>> out = new ArrayList<>(plan.groups().size());
        for (PlannedGroup p : plan.groups()) {
            Map<String, Object> m = group(p.id(), p.kindNames(), p.members(), p.classes(), p.maxDistance());
            if (p.labelConflict()) m.put("label_conflict", true);
            m.put("split", p.split());
            out.add(m);
        }
        return out;
    }

    /** One group of duplicates as JSON (stats, which has no split): id, kind, files, classes, the largest near distance. */
    public static Map<String, Object> group(DuplicateGroup g) {
        return group(g.id(), g.kindNames(), g.members(), g.classes(), g.maxDistance());
    }

    private static Map<String, Object> group(int id, List<String> kinds, List<String> files, List<String> classes, int maxDistance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kinds.size() == 1 ? kinds.get(0) : kinds);
        m.put("files", files);
        m.put("classes", classes);
        if (maxDistance > 0) m.put("max_distance", maxDistance);
        return m;
    }

    /** The whole plan: classes, totals, the reasons images are dropped, notes, and every file that gets no row. */
    public static Map<String, Object> of(ExportPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("classes", classes(plan));
        root.put("final_train", plan.finalTrain());
        root.put("final_test", plan.finalTest());
        root.put("unchecked", plan.unchecked());
        Map<String, Object> reasons = new LinkedHashMap<>();
        for (ClassPlan c : plan.classes()) {
            if (c.droppedTrain().isEmpty() && c.droppedTest().isEmpty()) continue;
            // ordered keys: Map.of iterates in an order that differs from one JVM to the next
            Map<String, Object> sides = new LinkedHashMap<>();
            sides.put("train", new java.util.TreeMap<>(c.droppedTrain()));
            sides.put("test", new java.util.TreeMap<>(c.droppedTest()));
            reasons.put(c.name(), sides);
        }
        root.put("dropped_reasons", reasons);
        root.put("notes", plan.notes());
        root.put("straddling_groups", plan.straddlingGroups());
        root.put("duplicate_groups", groups(plan));
        List<Map<String, Object>> notExported = new ArrayList<>();
        for (NotExported n : plan.notExported()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", n.relativePath());
            m.put("split", n.split());
            m.put("status", n.status());
            m.put("reason", n.reason());
            notExported.add(m);
        }
        root.put("not_exported", notExported);
        return root;
    }
}
