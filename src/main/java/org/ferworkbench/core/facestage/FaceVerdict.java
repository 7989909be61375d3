package org.ferworkbench.core.facestage;

import org.ferworkbench.core.face.FaceDetection;

/**
 * What a split's face policy decides for an image before anything is aligned: the face it would use, or why the
 * image is dropped (reason non-null), and how many faces were counted (-1 when detection is off). Screening train
 * sources needs only this, so it costs no alignment.
 */
public record FaceVerdict(FaceDetection chosen, String reason, int faceCount) {

    public static FaceVerdict of(FaceOutcome outcome) {
        return new FaceVerdict(outcome.detection(), outcome.accepted() ? null : outcome.reason(), outcome.faceCount());
    }

    public boolean accepted() {
        return reason == null;
    }
}
