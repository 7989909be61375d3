package org.ferworkbench.ui.face;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.RgbImage;

import java.util.List;

/**
 * What face detection makes of one image for the inspector: every face found, the one the pipeline would use,
 * the face crop it would export (before resizing; null when the image would be dropped), the rotation applied to
 * level the eyes, whether eye alignment was available, and why the image would be dropped (null when kept).
 */
public record FacePreview(List<FaceDetection> faces, FaceDetection chosen, RgbImage face, double alignmentDegrees,
                          boolean aligned, String dropReason) {
    public FacePreview {
        faces = List.copyOf(faces);
    }
}
