package org.ferworkbench.core.facestage;

import org.ferworkbench.core.face.FaceDetection;

/**
 * What a split's face policy decides for an image before anything is aligned: the face it would use, or why the
 * image is dropped (reason non-null), and how many faces were counted (-1 when detection is off). Screening train
 * sources needs only this, so it costs no alignment.
 *
 * <p>An accepted verdict without a chosen face keeps the whole image ({@code FacePolicy.WHOLE_IMAGE_IF_NONE});
 * its {@code note} says why, e.g. "no face: whole image", and goes into the manifest's reason column.
 */
public record FaceVerdict(FaceDetection chosen, String reason, int faceCount, String note) {

    public FaceVerdict(FaceDetection chosen, String reason, int faceCount) {
        this(chosen, reason, faceCount, null);
    }

    /** No face found, and the policy keeps the image whole. */
    static FaceVerdict wholeImage(String why) {
        return new FaceVerdict(null, null, 0, why + ": whole image");
    }

    public static FaceVerdict of(FaceOutcome outcome) {
        return outcome.accepted()
                ? new FaceVerdict(outcome.detection(), null, outcome.faceCount(), outcome.reason())
                : new FaceVerdict(outcome.detection(), outcome.reason(), outcome.faceCount());
    }

    public boolean accepted() {
        return reason == null;
    }

    /** Accepted without a face: the image is used whole. */
    public boolean wholeImage() {
        return accepted() && chosen == null && faceCount == 0;
    }
}
