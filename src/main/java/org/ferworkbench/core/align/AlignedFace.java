package org.ferworkbench.core.align;

import org.ferworkbench.core.image.RgbImage;

/**
 * A face crop (square), the rotation that levelled the eyes (degrees counter-clockwise), and where the crop lay in
 * the image and how it was filled.
 */
public record AlignedFace(RgbImage image, double rotationDegrees, CropGeometry crop) { }
