package org.ferworkbench.core.image;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;
import java.util.function.Function;

/**
 * Decodes and encodes images with OpenCV (not ImageIO: ImageIO applies embedded ICC profiles, converts
 * grayscale differently and cannot read WebP). Grayscale is replicated to three channels, alpha is dropped,
 * 16-bit is scaled to 8-bit, and EXIF orientation is applied (IMREAD_COLOR does that), so pixels are what an
 * image viewer shows. The format is recognised from the content, not the file name.
 *
 * <p>Hostile input is stopped before OpenCV sees it: the size is read from the header ({@link ImageHeader}) and
 * refused over {@link #MAX_PIXELS}, and every decode waits for its share of one {@link DecodeBudget}, so memory
 * stays bounded however many threads decode. Every failure is a one-line reason.
 */
public final class ImageCodec {
    /**
     * Larger images are refused, from their header, before any decoding. 150 MP is above every camera in common
     * use (a 12000x9000 photo is 108 MP; 100 MP medium format makes 11648x8736, 102 MP): only the rare 150 MP
     * medium-format backs (14204x10652, 151 MP) are refused, and faces are not photographed with those. Its pixels
     * are still a Java array well within an int (3 bytes a pixel), and its decode (1.5 GB) still fits next to a
     * 2 GB heap. A decompression bomb claims far more: a 0.7 MB PNG can say 27000x27000 (729 MP).
     */
    public static final long MAX_PIXELS = 150_000_000L;
    /** OpenCV's own limit on a side (CV_IO_MAX_IMAGE_WIDTH and _HEIGHT): beyond it imdecode fails an assertion. */
    static final int MAX_SIDE = 1 << 20;
    /**
     * Memory a decode needs at its peak, per pixel: OpenCV's BGR Mat (3 bytes), the RGB Mat cvtColor makes from it
     * (3) and the Java array the pixels are copied into (3) all exist at once; one more byte for the decoder's own
     * buffers (a WebP with alpha decodes to 4 channels first, EXIF rotation transposes into a new Mat). Measured
     * (peak RSS growth of one decode, less the file): 9.0 for 108 MP JPEG, PNG, BMP and TIFF, 8.5 to 8.7 for
     * 12 MP WebP with and without alpha. The compressed bytes are copied into a native buffer too: added on top.
     */
    static final int DECODE_BYTES_PER_PIXEL = 10;

    private final DecodeBudget budget;

    public ImageCodec() {
        this(DecodeBudget.shared());
    }

    /** With a budget of its own (tests); everything else shares {@link DecodeBudget#shared()}. */
    ImageCodec(DecodeBudget budget) {
        OpenCvRuntime.ensureLoaded();
        this.budget = budget;
    }

    public RgbImage decode(byte[] bytes) throws ImageDecodeException {
        return decode(bytes, Imgcodecs.IMREAD_COLOR, bgr -> Mats.toRgbImage(bgr, Imgproc.COLOR_BGR2RGB));
    }

    /**
     * Decodes with the given imread flags and hands the Mat to {@code use}, which must not keep it (it is released
     * afterwards): for callers that go on in OpenCV, such as thumbnails. The same checks and memory budget apply as
     * for {@link #decode(byte[])}, and the budget is held until {@code use} returns.
     *
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while waiting for memory
     */
    public <T> T decode(byte[] bytes, int imreadFlags, Function<Mat, T> use) throws ImageDecodeException {
        ImageHeader header = admit(bytes);
        String format = header.format().label();
        try (DecodeBudget.Lease lease = budget.acquire(decodeBytes(header, bytes.length, imreadFlags))) {
            MatOfByte buffer = new MatOfByte(bytes);
            Mat decoded = null;
            try {
                decoded = Imgcodecs.imdecode(buffer, imreadFlags);
                if (decoded == null || decoded.empty()) {
                    throw new ImageDecodeException("corrupt or unsupported " + format + " data");
                }
                return use.apply(decoded);
            } catch (RuntimeException e) {
                throw new ImageDecodeException("could not decode " + format + ": " + DecodeFailures.reason(e));
            } finally {
                buffer.release();
                if (decoded != null) decoded.release();
            }
        }
    }

    /** The header of an image this codec will try to decode, or the reason it will not. */
    static ImageHeader admit(byte[] bytes) throws ImageDecodeException {
        if (bytes.length == 0) throw new ImageDecodeException("empty file (0 bytes)");
        ImageHeader header = ImageHeader.read(bytes);
        if (header.pixels() > MAX_PIXELS || header.width() > MAX_SIDE || header.height() > MAX_SIDE) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "too large to decode safely: %dx%d pixels (%.1f MP; the limit is %d MP%s)", header.width(),
                    header.height(), header.pixels() / 1e6, MAX_PIXELS / 1_000_000,
                    header.pixels() > MAX_PIXELS ? "" : " and " + MAX_SIDE + " pixels a side"));
        }
        if (header.format() == ImageFormat.JPEG && !hasJpegEnd(bytes)) {
            // libjpeg would fill the missing part with grey and only warn: a half-grey face is worse than none
            throw new ImageDecodeException("truncated JPEG (the file ends before the image does)");
        }
        return header;
    }

    /**
     * What decoding an image of this header takes from the budget: generous, never less than the real peak. A
     * reduced JPEG decode (thumbnails) is scaled inside libjpeg, so only the reduced pixels are ever held; the
     * other decoders decode in full and scale afterwards.
     */
    static long decodeBytes(ImageHeader header, int compressedBytes, int imreadFlags) {
        int reduction = imreadFlags < 0 ? 1   // IMREAD_UNCHANGED is -1: all bits set, no reduction
                : (imreadFlags & Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8) != 0 ? 8
                : (imreadFlags & Imgcodecs.IMREAD_REDUCED_GRAYSCALE_4) != 0 ? 4
                : (imreadFlags & Imgcodecs.IMREAD_REDUCED_GRAYSCALE_2) != 0 ? 2 : 1;
        long pixels = header.format() == ImageFormat.JPEG ? header.pixels() / ((long) reduction * reduction) : header.pixels();
        return Math.max(1, pixels) * DECODE_BYTES_PER_PIXEL + compressedBytes;
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
