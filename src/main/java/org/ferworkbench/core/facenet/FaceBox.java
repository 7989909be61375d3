package org.ferworkbench.core.facenet;

import org.ferworkbench.core.face.FaceDetection;

/**
 * A face's box in image pixels, as face-api describes one (its {@code Rect}): top-left corner and size, not clipped
 * to the image. The nets look at the part of the image inside it ({@link CropRegion}).
 */
public record FaceBox(double x, double y, double width, double height) {

    public FaceBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("face box must be finite: " + x + ", " + y + ", " + width + ", " + height);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("face box must have a positive size: " + width + "x" + height);
        }
    }

    /** The box of an MTCNN detection: (x1, y1) and (x2 - x1) x (y2 - y1), exactly as face-api would be given it. */
    public static FaceBox of(FaceDetection detection) {
        return new FaceBox(detection.x1(), detection.y1(), detection.x2() - detection.x1(),
                detection.y2() - detection.y1());
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }
}
