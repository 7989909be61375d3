package org.ferworkbench.core.report;

import org.ferworkbench.core.dataset.SkippedFile;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export did: per-class counts, every file not used with its reason, notes, timing.
 *
 * @param plan              the plan the export rendered (its per-class object is summary.json's and --dry-run's)
 * @param unknownRejections review rejections that name no image of the dataset (so nothing was left out for them)
 * @param housekeeping      what was cleaned up after earlier interrupted runs to the same folder (not part of the export)
 * @param originalsFromRead originals rendered from the pixels the read step decoded, with no second decoding
 * @param decodedToRender   sources decoded while rendering (for the other originals, the copies and their retries)
 */
public record PrepareReport(Path output, List<ClassReport> classes, org.ferworkbench.core.plan.ExportPlan plan,
                            List<SkippedFile> skipped, List<String> notes,
                            List<String> unknownRejections, List<String> housekeeping, int sources, double seconds,
                            String faceStage, int originalsFromRead, int decodedToRender) {
    public PrepareReport {
        housekeeping = List.copyOf(housekeeping);
        unknownRejections = List.copyOf(unknownRejections);
        classes = List.copyOf(classes);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public int exportedTrain() {
        return classes.stream().mapToInt(c -> c.exportedTrain).sum();
    }

    public int exportedTest() {
        return classes.stream().mapToInt(c -> c.exportedTest).sum();
    }

    /** Source images per second over the whole run. */
    public double sourcesPerSecond() {
        return seconds > 0 ? sources / seconds : 0;
    }
}
