package org.ferworkbench.ui.face;

import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.RgbImage;

import java.util.List;

/**
 * What face detection makes of one image for the inspector: every face found, the one the pipeline would use,
 * the face crop it would export (before resizing; null when the image would be dropped), the rotation applied to
 * level the eyes, whether eye alignment was available, why the image would be dropped (null when kept), and where
 * the crop lay in the image and how it was filled (null when nothing was cropped).
 */
public record FacePreview(List<FaceDetection> faces, FaceDetection chosen, RgbImage face, double alignmentDegrees,
                          boolean aligned, String dropReason, CropGeometry crop) {
    public FacePreview {
        faces = List.copyOf(faces);
    }
}
