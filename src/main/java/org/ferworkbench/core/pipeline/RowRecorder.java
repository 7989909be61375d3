package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.plan.NotExported;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.split.SplitName;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes rendered rows, in plan order, into an export: the arrays (and PNGs), manifest.csv, attempts.csv, and the
 * per-class counts and augmentation tally of summary.json. The one place where a rendered row becomes export bytes:
 * a one-machine prepare and the merge of shards both write through it. Not thread-safe (one writer, in order).
 */
public final class RowRecorder {
    /** Compiled once: String.replaceAll compiled it again for every row written. */
    private static final Pattern UNSAFE_IN_FILE_NAMES = Pattern.compile("[^\\p{L}\\p{N}._-]");

    private final ExportWriter writer;
    private final Map<String, ClassReport> reports;

    public RowRecorder(ExportWriter writer, Map<String, ClassReport> reports) {
        this.writer = writer;
        this.reports = reports;
    }

    public void write(RenderedRow r) throws IOException {
        ClassReport report = reports.get(r.className());
        String split = r.split().id();
        String kind = r.isCopy() ? "copy" : "original";
        RenderedRow.Face face = r.face();
        if (r.isCopy()) report.augmentation.planned(r.planned());
        for (RenderedRow.Discarded d : r.discarded()) {
            report.augmentation.discarded(d.augmentation(), d.reason());
            writer.recordAttempt(split, d.label(), d.className(), d.source(), d.sha256(), r.copy(), d.attempt(),
                    d.augmentation(), d.reason(), d.faceCount(), false);
        }
        if (!r.exported()) {
            boolean unreadable = r.failure() != null;
            String reason = unreadable ? r.failure() : face.reason();
            report.drop(unreadable ? "unreadable" : face.reason());
            if (r.isCopy() && !unreadable) {
                report.augmentation.discarded(r.augmentation(), face.reason());
                writer.recordAttempt(split, r.label(), r.className(), r.source(), r.sha256(), r.copy(), r.attempt(),
                        r.augmentation(), face.reason(), face.faceCount(), true);
                reason = reason + " (gave up after " + (r.attempt() + 1) + " augmentations of " + r.poolSize() + " source(s))";
            }
            writer.record(new ManifestEntry(split, -1, r.label(), r.className(), r.source(), r.sha256(), kind, r.copy(),
                    r.attempt(), r.augmentation(), unreadable ? "unreadable" : "dropped", reason,
                    face == null ? -1 : face.faceCount(), face == null ? null : face.detection(), 0));
            return;
        }
        String stem = stem(r.fileName()) + (r.isCopy() ? "_c" + r.copy() : "");
        long index = writer.append(split, r.label(), new ExportWriter.EncodedSample(r.pixels(), r.png()), stem);
        if (r.split() == SplitName.TRAIN) report.exportedTrain++; else report.exportedTest++;
        if (face.faceCount() == 0) report.wholeImageTest++;
        if (r.isCopy()) {
            report.augmentation.exported(r.source(), r.augmentation(), face.alignmentDegrees());
        } else if (r.split() == SplitName.TRAIN) {
            report.augmentation.original(r.source(), face.alignmentDegrees());
        }
        if (r.isCopy() && r.attempt() > 0) report.redrawn++;
        writer.record(new ManifestEntry(split, index, r.label(), r.className(), r.source(), r.sha256(), kind, r.copy(),
                r.attempt(), r.isCopy() ? r.augmentation() : null, "ok", face.reason(), face.faceCount(), face.detection(),
                face.alignmentDegrees()));
    }

    /** The manifest row of a file the plan gives no row (written after the rendered rows). */
    public void write(ManifestEntry notRendered) throws IOException {
        writer.record(notRendered);
    }

    /** The manifest row the plan gives a file that gets no array row. */
    public static ManifestEntry manifestEntry(NotExported n) {
        if (n.status().equals("dropped")) {
            return new ManifestEntry(n.split(), -1, n.label(), n.className(), n.relativePath(), n.sha256(), "original", -1, 0,
                    null, "dropped", n.reason(), n.faceCount(), n.chosen(), 0);
        }
        return ManifestEntry.notExported(n.split(), n.label(), n.className(), n.relativePath(), n.sha256(), n.status(), n.reason());
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return UNSAFE_IN_FILE_NAMES.matcher(stem).replaceAll("_");
    }
}
