package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.Mats;
import org.ferworkbench.core.image.RgbImage;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The near-duplicate variants a dataset collects: what its images become when copied, edited and saved again. */
public final class Variants {
    private static final ImageCodec CODEC = new ImageCodec();

    private Variants() { }

    /** Every variant kind the finder must group with its original, by name. */
    public static Map<String, UnaryOperator<RgbImage>> kinds() {
        Map<String, UnaryOperator<RgbImage>> k = new LinkedHashMap<>();
        k.put("jpeg-q50", im -> jpeg(im, 50));
        k.put("jpeg-q70", im -> jpeg(im, 70));
        k.put("resize-0.5", im -> scale(im, 0.5));
        k.put("resize-1.5", im -> scale(im, 1.5));
        k.put("resize-0.5-back", im -> resize(scale(im, 0.5), im.width(), im.height()));
        k.put("mirror", Variants::mirror);
        k.put("darker-30", im -> brightness(im, 0.7));
        k.put("brighter-25", im -> brightness(im, 1.25));
        k.put("crop-2pc", im -> crop(im, 0.02));
        k.put("crop-3pc", im -> crop(im, 0.03));
        k.put("grey", Variants::grey);
        k.put("mirror-jpeg-q60", im -> jpeg(mirror(im), 60));
        k.put("grey-resize-0.75", im -> scale(grey(im), 0.75));
        return k;
    }

    public static RgbImage jpeg(RgbImage image, int quality) {
        return decode(CODEC.encodeJpeg(image, quality));
    }

    public static RgbImage png(RgbImage image) {
        return decode(CODEC.encodePng(image));
    }

    public static RgbImage decode(byte[] bytes) {
        try {
            return CODEC.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RgbImage scale(RgbImage image, double factor) {
        return resize(image, Math.max(8, (int) Math.round(image.width() * factor)),
                Math.max(8, (int) Math.round(image.height() * factor)));
    }

    public static RgbImage resize(RgbImage image, int width, int height) {
        return withMat(image, (in, out) -> Imgproc.resize(in, out, new Size(width, height), 0, 0,
                width < image.width() ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC));
    }

    public static RgbImage mirror(RgbImage image) {
        return withMat(image, (in, out) -> Core.flip(in, out, 1));
    }

    public static RgbImage brightness(RgbImage image, double factor) {
        return withMat(image, (in, out) -> in.convertTo(out, -1, factor, 0));
    }

    /** {@code fraction} of the width and height cut off each edge. */
    public static RgbImage crop(RgbImage image, double fraction) {
        int dx = (int) Math.round(image.width() * fraction), dy = (int) Math.round(image.height() * fraction);
        return withMat(image, (in, out) -> in.submat(new Rect(dx, dy, image.width() - 2 * dx, image.height() - 2 * dy)).copyTo(out));
    }

    public static RgbImage grey(RgbImage image) {
        return withMat(image, (in, out) -> {
            Mat g = new Mat();
            Imgproc.cvtColor(in, g, Imgproc.COLOR_RGB2GRAY);
            Imgproc.cvtColor(g, out, Imgproc.COLOR_GRAY2RGB);
            g.release();
        });
    }

    private static RgbImage withMat(RgbImage image, java.util.function.BiConsumer<Mat, Mat> op) {
        Mat in = Mats.toRgbMat(image), out = new Mat();
        try {
            op.accept(in, out);
            return Mats.toRgbImage(out, -1);
        } finally {
            in.release();
            out.release();
        }
    }
}
