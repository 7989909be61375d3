package org.ferworkbench.core.facestage;

import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.RgbImage;

/**
 * What the face stage made of one image: the face crop to resize (null when the image is rejected), why it
 * was rejected (or, for an accepted image, a note such as "no face: whole image"), how many faces were found (-1
 * when detection is off), the chosen detection and the rotation applied to level the eyes (degrees), and where the
 * crop lay in the image and how it was filled (null when nothing was cropped).
 */
public record FaceOutcome(RgbImage face, String reason, int faceCount, FaceDetection detection, double alignmentDegrees,
                          CropGeometry crop) {

    /** Detection off: the whole image is the face (for datasets that are already cropped). */
    public static FaceOutcome wholeImage(RgbImage image) {
        return new FaceOutcome(image, null, -1, null, 0, null);
    }

    /** No face found and the policy keeps the image: the whole image, with the verdict's note as the reason. */
    public static FaceOutcome wholeImage(RgbImage image, FaceVerdict verdict) {
        return new FaceOutcome(image, verdict.note(), verdict.faceCount(), null, 0, null);
    }

    public static FaceOutcome rejected(String reason, int faceCount, FaceDetection detection) {
        return new FaceOutcome(null, reason, faceCount, detection, 0, null);
    }

    public boolean accepted() {
        return face != null;
    }
}
