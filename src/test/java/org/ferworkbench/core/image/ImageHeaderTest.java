package org.ferworkbench.core.image;

import org.ferworkbench.testing.BadInputs;
import org.ferworkbench.testing.HostileImages;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class ImageHeaderTest {
    private final ImageCodec codec = new ImageCodec();

    /** Small images of every format and variant the codec reads, encoded here (OpenCV, ImageIO or by hand). */
    private static Map<String, byte[]> everyFormat() throws IOException {
        new ImageCodec();   // loads OpenCV
        RgbImage image = TestData.image(37, 23, 5);
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("baseline JPEG", TestData.jpeg(image));
        m.put("progressive JPEG", encode(Mats.toBgrMat(image), ".jpg", Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        m.put("grayscale JPEG", encode(new Mat(23, 37, CvType.CV_8UC1, new Scalar(120)), ".jpg"));
        m.put("CMYK JPEG", BadInputs.cmykJpeg(37, 23));
        m.put("EXIF-rotated JPEG", BadInputs.withExifOrientation(TestData.jpeg(image), 6));
        m.put("RGB PNG", TestData.png(image));
        m.put("grayscale PNG", encode(new Mat(23, 37, CvType.CV_8UC1, new Scalar(77)), ".png"));
        m.put("16-bit PNG", encode(new Mat(23, 37, CvType.CV_16UC3, new Scalar(1000, 30000, 65535)), ".png"));
        m.put("RGBA PNG", encode(new Mat(23, 37, CvType.CV_8UC4, new Scalar(1, 2, 3, 4)), ".png"));
        m.put("OpenCV BMP", TestData.encode(image, ".bmp"));
        m.put("top-down BMP", HostileImages.bmp(37, 23, false, true));
        m.put("core-header BMP", HostileImages.bmp(37, 23, true, false));
        m.put("lossy WebP (VP8)", encode(Mats.toBgrMat(image), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 80));
        m.put("lossless WebP (VP8L)", encode(Mats.toBgrMat(image), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101));
        m.put("extended WebP (VP8X, alpha)", encode(new Mat(23, 37, CvType.CV_8UC4, new Scalar(9, 99, 199, 128)), ".webp",
                Imgcodecs.IMWRITE_WEBP_QUALITY, 80));
        m.put("little-endian TIFF", TestData.encode(image, ".tiff"));
        m.put("big-endian TIFF", imageIo(new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR), "tiff"));
        return m;
    }

    @Test
    void headerSizeIsTheDecodedSizeForEveryFormat() throws Exception {
        Map<String, byte[]> images = everyFormat();
        // the variants are what they claim to be, or the test would cover less than it says
        assertThat(chunk(images.get("lossy WebP (VP8)"))).isEqualTo("VP8 ");
        assertThat(chunk(images.get("lossless WebP (VP8L)"))).isEqualTo("VP8L");
        assertThat(chunk(images.get("extended WebP (VP8X, alpha)"))).isEqualTo("VP8X");
        assertThat(images.get("big-endian TIFF")[0]).isEqualTo((byte) 'M');
        assertThat(images.get("little-endian TIFF")[0]).isEqualTo((byte) 'I');
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            ImageHeader header = ImageHeader.read(e.getValue());
            RgbImage decoded = codec.decode(e.getValue());
            assertThat(header.format()).as(e.getKey()).isEqualTo(ImageFormat.sniff(e.getValue()));
            assertThat(header.width()).as(e.getKey()).isEqualTo(37);
            assertThat(header.height()).as(e.getKey()).isEqualTo(23);
            // decoding applies EXIF orientation 6 (a quarter turn): same pixels, width and height swapped
            boolean turned = e.getKey().startsWith("EXIF");
            assertThat(decoded.width()).as(e.getKey()).isEqualTo(turned ? 23 : 37);
            assertThat(decoded.height()).as(e.getKey()).isEqualTo(turned ? 37 : 23);
        }
    }

    @Test
    void topDownBmpKeepsItsRowOrder() throws Exception {
        RgbImage up = codec.decode(HostileImages.bmp(5, 4, false, false));
        RgbImage down = codec.decode(HostileImages.bmp(5, 4, false, true));
        // the same rows, stored in opposite orders: the first row of one is the last of the other
        assertThat(down.get(2, 0, 1)).isEqualTo(up.get(2, 3, 1));
        assertThat(down.get(2, 0, 1)).isNotEqualTo(down.get(2, 3, 1));
    }

    @Test
    void hugeClaimsAreReadWithoutDecoding() throws Exception {
        byte[] jpeg = TestData.jpeg(TestData.image(16, 16, 1));
        assertSize(HostileImages.jpegClaiming(jpeg, 65535, 65535), ImageFormat.JPEG, 65535, 65535);
        assertSize(HostileImages.pngHeader(27000, 27000), ImageFormat.PNG, 27000, 27000);
        assertSize(HostileImages.bmpHeader(100_000, 90_000), ImageFormat.BMP, 100_000, 90_000);
        assertSize(HostileImages.bmpHeader(100_000, -90_000), ImageFormat.BMP, 100_000, 90_000);
        assertSize(HostileImages.webpLossy(16383, 16383), ImageFormat.WEBP, 16383, 16383);
        assertSize(HostileImages.webpLossless(16384, 16384), ImageFormat.WEBP, 16384, 16384);
        assertSize(HostileImages.webpExtended(1 << 24, 1 << 24), ImageFormat.WEBP, 1 << 24, 1 << 24);
        for (boolean little : new boolean[]{true, false}) {
            assertSize(HostileImages.tiffHeader(little, 3, 65535, 65535), ImageFormat.TIFF, 65535, 65535);
            assertSize(HostileImages.tiffHeader(little, 4, 100_000, 70_000), ImageFormat.TIFF, 100_000, 70_000);
        }
    }

    @Test
    void zeroAndImpossibleSizesAreCorruptHeaders() {
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.pngHeader(0, 10)))
                .isInstanceOf(ImageDecodeException.class).hasMessage("corrupt PNG header (impossible size 0x10)");
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.pngHeader(0xFFFF_FFFFL, 10)))
                .hasMessage("corrupt PNG header (impossible size 4294967295x10)");
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.bmpHeader(10, Integer.MIN_VALUE)))
                .hasMessage("corrupt BMP header (impossible size 10x2147483648)");
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.bmpHeader(-10, 10)))
                .hasMessage("corrupt BMP header (impossible size -10x10)");
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.tiffHeader(true, 4, 0xFFFF_FFFFL, 1)))
                .hasMessage("corrupt TIFF header (impossible size 4294967295x1)");
        byte[] jpeg = TestData.jpeg(TestData.image(16, 16, 1));
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.jpegClaiming(jpeg, 16, 0)))
                .hasMessage("corrupt JPEG header (impossible size 16x0)");
    }

    @Test
    void malformedHeadersGiveOneLineReasons() {
        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3};
        assertThatThrownBy(() -> ImageHeader.read(noFrame)).hasMessage("corrupt JPEG header (no frame header before the image data)");
        byte[] png = HostileImages.pngHeader(10, 10);
        png[12] = 'X';
        assertThatThrownBy(() -> ImageHeader.read(png)).hasMessage("corrupt PNG header (no IHDR chunk)");
        assertThatThrownBy(() -> ImageHeader.read(HostileImages.webp("ALPH", new byte[12])))
                .hasMessage("corrupt WebP header (no VP8, VP8L or VP8X chunk)");
        byte[] tiff = HostileImages.tiffHeader(true, 5, 10, 10);
        assertThatThrownBy(() -> ImageHeader.read(tiff)).hasMessage("corrupt TIFF header (image size of type 5)");
        assertThatThrownBy(() -> ImageHeader.read("text".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("not an image (unrecognised content)");
    }

    /** Every prefix of every format's file: a size, or a one-line reason; never an exception of another kind. */
    @Test
    void truncatedHeadersAreReasonsNotCrashes() throws Exception {
        List<String> truncated = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : everyFormat().entrySet()) {
            byte[] whole = e.getValue();
            for (int n = 0; n < Math.min(whole.length, 400); n++) {
                byte[] prefix = Arrays.copyOf(whole, n);
                try {
                    ImageHeader h = ImageHeader.read(prefix);
                    assertThat(h.width() * h.height()).as(e.getKey() + " cut at " + n).isEqualTo(37 * 23);
                } catch (ImageDecodeException reason) {
                    assertThat(reason.getMessage()).doesNotContain("\n");
                    if (reason.getMessage().startsWith("truncated")) truncated.add(e.getKey());
                }
            }
        }
        assertThat(truncated).as("every format reports a cut header as truncated").containsAll(List.of(
                "baseline JPEG", "RGB PNG", "OpenCV BMP", "lossy WebP (VP8)", "lossless WebP (VP8L)",
                "extended WebP (VP8X, alpha)", "little-endian TIFF", "big-endian TIFF"));
        assertThatThrownBy(() -> ImageHeader.read(Arrays.copyOf(TestData.png(TestData.image(9, 9, 1)), 20)))
                .hasMessage("truncated PNG header (the file ends inside it)");
    }

    /** Random bytes in the header region: parsing never throws anything but a reason (and never loops). */
    @Test
    void scrambledHeadersNeverCrash() throws Exception {
        Random random = new Random(12);
        for (byte[] original : everyFormat().values()) {
            for (int round = 0; round < 300; round++) {
                byte[] b = original.clone();
                for (int k = 0; k < 3; k++) b[4 + random.nextInt(Math.min(b.length, 64) - 4)] = (byte) random.nextInt(256);
                try {
                    ImageHeader.read(b);
                } catch (ImageDecodeException expected) {
                    assertThat(expected.getMessage()).doesNotContain("\n");
                }
            }
        }
    }

    /**
     * The real photo sets: wherever OpenCV decodes a file (as the codec did before headers were read), the header
     * is read and gives the same size, so no photo that was usable is refused now. EXIF orientation may swap
     * width and height in the decoded image.
     */
    @Test
    void realPhotosHaveTheHeaderSizeTheyDecodeTo() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String set : List.of("faces", "muxspace_fer6")) {
            try (Stream<Path> s = Files.walk(TestData.sharedDataOrSkip(set))) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        int decoded = 0;
        int webp = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            Mat m = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
            if (m.empty()) continue;
            decoded++;
            ImageHeader h;
            try {
                h = ImageHeader.read(bytes);
            } catch (ImageDecodeException e) {
                fail(f + " decodes but its header is refused: " + e.getMessage());
                return;
            }
            if (h.format() == ImageFormat.WEBP) webp++;
            boolean same = h.width() == m.cols() && h.height() == m.rows();
            boolean turned = h.width() == m.rows() && h.height() == m.cols();
            assertThat(same || turned).as(f + ": header " + h.width() + "x" + h.height() + ", decoded " + m.cols() + "x" + m.rows())
                    .isTrue();
            m.release();
        }
        assertThat(decoded).as("photos decoded").isGreaterThan(1000);
        assertThat(webp).as("the muxspace WebP named .jpg").isPositive();
    }

    private static void assertSize(byte[] bytes, ImageFormat format, int width, int height) throws ImageDecodeException {
        assertThat(ImageHeader.read(bytes)).isEqualTo(new ImageHeader(format, width, height));
    }

    private static String chunk(byte[] webp) {
        return new String(webp, 12, 4, StandardCharsets.US_ASCII);
    }

    private static byte[] encode(Mat m, String ext, int... params) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, m, out, new MatOfInt(params));
        byte[] bytes = out.toArray();
        out.release();
        m.release();
        return bytes;
    }

    private static byte[] imageIo(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) throw new IOException("no ImageIO writer for " + format);
        return out.toByteArray();
    }
}
