package org.ferworkbench.core.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Conversions between plain-Java RgbImage and OpenCV Mats. Callers release the Mats they get. */
public final class Mats {
    private Mats() { }

    public static Mat toRgbMat(RgbImage image) {
        Mat m = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        m.put(0, 0, image.pixels());
        return m;
    }

    public static Mat toBgrMat(RgbImage image) {
        Mat rgb = toRgbMat(image);
        Imgproc.cvtColor(rgb, rgb, Imgproc.COLOR_RGB2BGR);
        return rgb;
    }

    /** Copies an 8UC3 Mat out, converting its colour order with the given cvtColor code (or -1 for none). */
    public static RgbImage toRgbImage(Mat mat, int cvtCode) {
        Mat src = mat;
        if (cvtCode >= 0) {
            src = new Mat();
            Imgproc.cvtColor(mat, src, cvtCode);
        }
        try {
            if (src.type() != CvType.CV_8UC3) {
                throw new IllegalArgumentException("expected an 8-bit 3-channel image, got type " + src.type());
            }
            byte[] pixels = new byte[src.rows() * src.cols() * 3];
            Mat continuous = src.isContinuous() ? src : src.clone();
            continuous.get(0, 0, pixels);
            if (continuous != src) continuous.release();
            return new RgbImage(src.cols(), src.rows(), pixels);
        } finally {
            if (src != mat) src.release();
        }
    }
}
