package org.ferworkbench.core.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Resizes to the output size: area averaging when the area shrinks (no aliasing), bicubic when it grows.
 * A non-square input is stretched to the square output, as cv2.resize does (no crop, nothing lost).
 */
public final class ImageResizer {
    public ImageResizer() {
        OpenCvRuntime.ensureLoaded();
    }

    public RgbImage resize(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) return image;
        boolean shrinking = (long) width * height <= (long) image.width() * image.height();
        Mat src = Mats.toRgbMat(image);
        Mat dst = new Mat();
        try {
            Imgproc.resize(src, dst, new Size(width, height), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
            return Mats.toRgbImage(dst, -1);
        } finally {
            src.release();
            dst.release();
        }
    }
}
