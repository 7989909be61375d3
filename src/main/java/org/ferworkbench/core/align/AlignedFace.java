package org.ferworkbench.core.align;

import org.ferworkbench.core.image.RgbImage;

/** A face crop (square) and the rotation that levelled the eyes, in degrees counter-clockwise. */
public record AlignedFace(RgbImage image, double rotationDegrees) { }
