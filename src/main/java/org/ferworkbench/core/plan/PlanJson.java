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
     * Every group of duplicates (two or more files): id (the manifest's group column), how its files are linked
     * ("exact", "near", or a list when both), its files, their classes (more than one: a label conflict) and where it
     * went ("train", "test", "dropped", or "both" when it straddles the split).
     */
    public static List<Map<String, Object>> groups(ExportPlan plan) {
        List<Map<String, Object>> out = new ArrayList<>(plan.groups().size());
        for (PlannedGroup p : plan.groups()) {
            Map<String, Object> m = group(p.group());
            m.put("split", p.split());
            out.add(m);
        }
        return out;
    }

    /** One group as JSON: id, kind ("exact", "near", or both as a list), files, classes, and the largest near distance. */
    public static Map<String, Object> group(DuplicateGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        List<String> kinds = g.kindNames();
        m.put("kind", kinds.size() == 1 ? kinds.get(0) : kinds);
        m.put("files", g.members());
        m.put("classes", g.classes());
        if (g.maxDistance() > 0) m.put("max_distance", g.maxDistance());
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
            reasons.put(c.name(), Map.of("train", new java.util.TreeMap<>(c.droppedTrain()), "test", new java.util.TreeMap<>(c.droppedTest())));
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
