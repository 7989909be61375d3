package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.facestage.FaceOutcome;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.export.ExportWriter;

/**
 * The result of rendering one job: the job at its final attempt, the augmentation used, the face stage's
 * outcome, and the encoded output row, or a failure (unreadable file) / rejection (face stage); and the earlier
 * attempts of a copy that lost its face and was drawn again.
 */
record RenderedSample(RenderJob job, Augmentation augmentation, FaceOutcome face, ExportWriter.EncodedSample encoded,
                      String failure, java.util.List<DiscardedAttempt> discarded) {
    boolean exported() {
        return encoded != null;
    }
}
