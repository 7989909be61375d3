package org.ferworkbench.core.facestage;

import org.ferworkbench.core.image.RgbImage;

/**
 * An image for the face stage. sourceSha256 is set when the image is a source exactly as decoded (not
 * augmented), so its detections can be cached by content; null for an augmented image.
 */
public record FaceRequest(RgbImage image, String sourceSha256) { }
