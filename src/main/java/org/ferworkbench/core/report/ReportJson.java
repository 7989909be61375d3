package org.ferworkbench.core.report;

import org.ferworkbench.core.runtime.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary.json view of a report: plain maps, stable key order. */
public final class ReportJson {
    private ReportJson() { }

    public static Map<String, Object> of(PrepareReport report) {
        return of(SummaryFacts.of(report), report.classes());
    }

    /** The same from its parts (the merge of shards has no plan object, only what the shards carried). */
    public static Map<String, Object> of(SummaryFacts facts, List<ClassReport> reports) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "fer-workbench " + Version.current());
        // where the sources are: audit reads them from here to check the export's split for duplicates
        root.put("dataset", facts.dataset());
        root.put("faceStage", facts.faceStage());
        root.put("sources", facts.sources());
        root.put("exportedTrain", reports.stream().mapToInt(c -> c.exportedTrain).sum());
        root.put("exportedTest", reports.stream().mapToInt(c -> c.exportedTest).sum());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (ClassReport c : reports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.label);
            m.put("class", c.className);
            m.put("found", c.found);
            m.put("unreadable", c.unreadable);
            m.put("splitTrain", c.splitTrain);
            m.put("splitTest", c.splitTest);
            m.put("rejected", c.rejected);
            m.put("trainOriginals", c.trainOriginals);
            m.put("plannedCopies", c.plannedCopies);
            m.put("exportedTrain", c.exportedTrain);
            m.put("exportedTest", c.exportedTest);
            m.put("wholeImageTest", c.wholeImageTest);
            m.put("dropped", c.dropped);
            m.put("redrawnCopies", c.redrawn);
            m.put("augmentation", c.augmentation.toJson());
            classes.add(m);
        }
        root.put("classes", classes);
        // the plan's per-class objects, exactly as prepare --dry-run --json prints them before the export
        root.put("plan", facts.planClasses());
        root.put("duplicate_groups", facts.duplicateGroups());
        List<Map<String, String>> skipped = new ArrayList<>();
        for (org.ferworkbench.core.dataset.SkippedFile s : facts.skipped()) {
            // ordered keys: Map.of iterates in an order that differs from one JVM to the next
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", s.relativePath());
            m.put("reason", s.reason());
            skipped.add(m);
        }
        root.put("skipped", skipped);
        root.put("notes", facts.notes());
        root.put("unknownRejections", facts.unknownRejections());
        return root;
    }
}
