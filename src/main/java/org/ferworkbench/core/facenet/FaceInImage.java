package org.ferworkbench.core.facenet;

import org.ferworkbench.core.image.RgbImage;

import java.util.Objects;

/** One face to run a net on: the image and the face's box in it. Faces of many images can share a batch. */
public record FaceInImage(RgbImage image, FaceBox box) {
    public FaceInImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(box, "box");
    }
}
