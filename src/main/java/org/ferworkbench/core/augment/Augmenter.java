package org.ferworkbench.core.augment;

import org.ferworkbench.core.image.Mats;
import org.ferworkbench.core.image.OpenCvRuntime;
import org.ferworkbench.core.image.RgbImage;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Applies an Augmentation: rotation about the image centre (same canvas size, bilinear), then brightness
 * (multiply, rounded and saturated to 0..255), then horizontal flip. Thread-safe.
 */
public final class Augmenter {
    private final BorderMode border;

    public Augmenter(BorderMode border) {
        OpenCvRuntime.ensureLoaded();
        this.border = border;
    }

    public RgbImage apply(RgbImage image, Augmentation a) {
        if (a.isIdentity()) return image;
        Mat m = Mats.toRgbMat(image);
        try {
            if (a.rotationDegrees() != 0) {
                Point centre = new Point((image.width() - 1) / 2.0, (image.height() - 1) / 2.0);
                Mat rotation = Imgproc.getRotationMatrix2D(centre, a.rotationDegrees(), 1.0);
                Mat rotated = new Mat();
                Imgproc.warpAffine(m, rotated, rotation, new Size(image.width(), image.height()),
                        Imgproc.INTER_LINEAR, border.openCvCode(), new Scalar(0, 0, 0));
                rotation.release();
                m.release();
                m = rotated;
            }
            if (a.brightness() != 1) {
                m.convertTo(m, -1, a.brightness(), 0);
            }
            if (a.flipped()) {
                Core.flip(m, m, 1);
            }
            return Mats.toRgbImage(m, -1);
        } finally {
            m.release();
        }
    }
}
