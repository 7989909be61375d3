package org.ferworkbench.ui.export;

import org.ferworkbench.core.report.AugmentationTally;
import org.ferworkbench.core.report.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One class's augmented copies after an export, as the export summary shows them: the rotation drawn and exported,
 * the rotation left after alignment, and one line of numbers (the same tally summary.json is written from).
 */
public record AugmentationRow(String className, Histogram drawnRotation, Histogram exportedRotation, Histogram netRotation,
                              String numbers) {

    static AugmentationRow of(String className, AugmentationTally t) {
        Map<String, Integer> discarded = new TreeMap<>(t.discardedByReason());
        String lost = discarded.isEmpty() ? "no draw discarded"
                : String.join(", ", discarded.entrySet().stream().map(e -> e.getValue() + " discarded: " + e.getKey()).toList());
        String numbers = String.format(Locale.ROOT,
                "%,d drawn, %,d exported · mean rotation drawn %.1f°, exported %.1f° · median rotation left after alignment"
                        + " %.1f° · mean brightness drawn %.2f, exported %.2f · flipped %,d of %,d exported · %s",
                t.drawnCount(), t.exportedCount(), t.meanDrawnRotation(), t.meanExportedRotation(),
                t.medianAbsoluteNetRotation(), t.meanDrawnBrightness(), t.meanExportedBrightness(), t.exportedFlipped(),
                t.exportedCount(), lost);
        return new AugmentationRow(className, t.drawnRotation(), t.exportedRotation(), t.netRotation(), numbers);
    }

    @Override
    public String toString() {
        return className;
    }
}
