package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.split.SplitName;

import java.util.List;

/**
 * What rendering one job leaves for the export, and nothing more: the row's pixels (and PNG) if it was exported,
 * what the manifest, attempts.csv and the summary say of it. A one-machine export writes these as they are rendered;
 * a shard streams them to its folder and the merge writes them later ({@link RowRecorder} in both cases), so both
 * exports are made by the same code from the same values.
 *
 * @param source      the file the row was finally made from (a copy may have moved on to another source of its class)
 * @param copy        the copy number, -1 for an original
 * @param planned     the source the plan put the copy on
 * @param poolSize    how many sources the copy could move on to
 * @param augmentation what was drawn (identity for an original; null when the file could not be read)
 * @param failure     why the file could not be read, or null
 * @param face        what the face stage made of it (null when the file could not be read)
 * @param pixels      the exported row (output size, 8-bit RGB), or null when it was not exported
 * @param png         its PNG when the export writes PNGs, else null
 */
public record RenderedRow(SplitName split, int label, String className, String source, String fileName, String sha256,
                          int copy, int attempt, String planned, int poolSize, Augmentation augmentation, String failure,
                          Face face, List<Discarded> discarded, byte[] pixels, byte[] png) {

    /** The face stage's verdict on a row. */
    public record Face(boolean accepted, String reason, int faceCount, FaceDetection detection, double alignmentDegrees) { }

    /** An earlier attempt of a copy that lost its face and was drawn again. */
    public record Discarded(int label, String className, String source, String sha256, int attempt,
                            Augmentation augmentation, String reason, int faceCount) { }

    public RenderedRow {
        discarded = List.copyOf(discarded);
    }

    public boolean exported() {
        return pixels != null;
    }

    public boolean isCopy() {
        return copy >= 0;
    }
}
