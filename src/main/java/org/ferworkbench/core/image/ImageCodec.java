package org.ferworkbench.core.image;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes and encodes images with OpenCV (not ImageIO: ImageIO applies embedded ICC profiles, converts
 * grayscale differently and cannot read WebP). Grayscale is replicated to three channels, alpha is dropped,
 * 16-bit is scaled to 8-bit, and EXIF orientation is applied (IMREAD_COLOR does that), so pixels are what an
 * image viewer shows. The format is recognised from the content, not the file name.
 */
public final class ImageCodec {
    /** Larger images are refused rather than risk exhausting memory (a 12000x9000 photo is 108 MP). */
    public static final long MAX_PIXELS = 150_000_000L;

    public ImageCodec() {
        OpenCvRuntime.ensureLoaded();
    }

    public RgbImage decode(byte[] bytes) throws ImageDecodeException {
        if (bytes.length == 0) throw new ImageDecodeException("empty file (0 bytes)");
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) throw new ImageDecodeException("not an image (unrecognised content)");
        if (format == ImageFormat.JPEG && !hasJpegEnd(bytes)) {
            // libjpeg would fill the missing part with grey and only warn: a half-grey face is worse than none
            throw new ImageDecodeException("truncated JPEG (the file ends before the image does)");
        }
        MatOfByte buffer = new MatOfByte(bytes);
        Mat bgr = null;
        try {
            bgr = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_COLOR);
            if (bgr == null || bgr.empty()) {
                throw new ImageDecodeException("corrupt or unsupported " + format.label() + " data");
            }
            if ((long) bgr.cols() * bgr.rows() > MAX_PIXELS) {
                throw new ImageDecodeException("too large (" + bgr.cols() + "x" + bgr.rows() + " pixels)");
            }
            return Mats.toRgbImage(bgr, Imgproc.COLOR_BGR2RGB);
        } catch (RuntimeException e) {
            throw new ImageDecodeException("could not decode " + format.label() + ": " + DecodeFailures.reason(e));
        } finally {
            buffer.release();
            if (bgr != null) bgr.release();
        }
    }

    /** A complete JPEG has an end-of-image marker (FF D9), possibly followed by a little padding or trailer. */
    static boolean hasJpegEnd(byte[] b) {
        int from = Math.max(2, b.length - 4096);
        for (int i = b.length - 2; i >= from; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) return true;
        }
        return false;
    }

    /** PNG bytes of an RGB image (lossless, for the ImageFolder export and previews). */
    public byte[] encodePng(RgbImage image) {
        Mat bgr = Mats.toBgrMat(image);
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".png", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3))) {
                throw new IllegalStateException("PNG encoding failed");
            }
            return out.toArray();
        } finally {
            bgr.release();
            out.release();
        }
    }

    /** JPEG bytes of an RGB image (used to generate test and benchmark datasets). */
    public byte[] encodeJpeg(RgbImage image, int quality) {
        Mat bgr = Mats.toBgrMat(image);
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            return out.toArray();
        } finally {
            bgr.release();
            out.release();
        }
    }
}
