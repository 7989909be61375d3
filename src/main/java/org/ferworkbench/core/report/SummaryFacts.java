package org.ferworkbench.core.report;

import org.ferworkbench.core.dataset.SkippedFile;

import java.util.List;

/**
 * What summary.json says besides the per-class counts: where the dataset is, the face stage, the plan's own objects,
 * the files not used and the notes. Known once the plan is made; a shard carries it to the merge (the plan's objects as
 * the JSON they are written as).
 *
 * @param planClasses     the plan's per-class objects ({@code PlanJson.classes}), as maps or a JSON tree
 * @param duplicateGroups the plan's groups ({@code PlanJson.groups}), as maps or a JSON tree
 */
public record SummaryFacts(String dataset, String faceStage, int sources, Object planClasses, Object duplicateGroups,
                           List<SkippedFile> skipped, List<String> notes, List<String> unknownRejections) {
    public SummaryFacts {
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        unknownRejections = List.copyOf(unknownRejections);
    }

    public static SummaryFacts of(PrepareReport report) {
        return new SummaryFacts(org.ferworkbench.core.dataset.FileNames.path(report.plan().dataset().root().toAbsolutePath()),
                report.faceStage(), report.sources(), org.ferworkbench.core.plan.PlanJson.classes(report.plan()),
                org.ferworkbench.core.plan.PlanJson.groups(report.plan()), report.skipped(), report.notes(),
                report.unknownRejections());
    }
}
