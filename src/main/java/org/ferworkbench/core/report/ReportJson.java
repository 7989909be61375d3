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
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "fer-workbench " + Version.current());
        // where the sources are: audit reads them from here to check the export's split for duplicates
        root.put("dataset", org.ferworkbench.core.dataset.FileNames.path(report.plan().dataset().root().toAbsolutePath()));
        root.put("faceStage", report.faceStage());
        root.put("sources", report.sources());
        root.put("exportedTrain", report.exportedTrain());
        root.put("exportedTest", report.exportedTest());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (ClassReport c : report.classes()) {
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
        root.put("plan", org.ferworkbench.core.plan.PlanJson.classes(report.plan()));
        root.put("duplicate_groups", org.ferworkbench.core.plan.PlanJson.groups(report.plan()));
        List<Map<String, String>> skipped = new ArrayList<>();
        report.skipped().forEach(s -> skipped.add(Map.of("path", s.relativePath(), "reason", s.reason())));
        root.put("skipped", skipped);
        root.put("notes", report.notes());
        root.put("unknownRejections", report.unknownRejections());
        return root;
    }
}
