package org.ferworkbench.core.image;

import org.ferworkbench.testing.HostileImages;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageCodecTest {
    private final ImageCodec codec = new ImageCodec();

    @Test
    void pngRoundTripKeepsRgbOrderExactly() throws Exception {
        RgbImage red = TestData.solid(5, 4, 255, 10, 0);
        RgbImage back = codec.decode(TestData.png(red));
        assertThat(back.width()).isEqualTo(5);
        assertThat(back.height()).isEqualTo(4);
        assertThat(back.get(2, 1, 0)).isEqualTo(255);
        assertThat(back.get(2, 1, 1)).isEqualTo(10);
        assertThat(back.get(2, 1, 2)).isEqualTo(0);
        RgbImage noisy = TestData.image(33, 17, 9);
        assertThat(codec.decode(TestData.png(noisy)).pixels()).isEqualTo(noisy.pixels());
    }

    @Test
    void grayscaleIsReplicatedToThreeChannels() throws Exception {
        Mat gray = new Mat(6, 7, CvType.CV_8UC1, new Scalar(77));
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".png", gray, buf);
        RgbImage img = codec.decode(buf.toArray());
        assertThat(img.get(3, 3, 0)).isEqualTo(77);
        assertThat(img.get(3, 3, 1)).isEqualTo(77);
        assertThat(img.get(3, 3, 2)).isEqualTo(77);
    }

    @Test
    void formatComesFromContentNotName() throws Exception {
        RgbImage src = TestData.image(20, 20, 1);
        assertThat(ImageFormat.sniff(TestData.encode(src, ".webp"))).isEqualTo(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(TestData.encode(src, ".bmp"))).isEqualTo(ImageFormat.BMP);
        assertThat(codec.decode(TestData.encode(src, ".webp")).width()).isEqualTo(20);
        assertThat(codec.decode(TestData.encode(src, ".bmp")).pixels()).isEqualTo(src.pixels());
    }

    @Test
    void badBytesGiveReasonsNotCrashes() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessageContaining("empty file");
        assertThatThrownBy(() -> codec.decode("hello, I am text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("not an image");
        byte[] jpeg = TestData.jpeg(TestData.image(64, 64, 3));
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(jpeg, jpeg.length * 2 / 3))).hasMessageContaining("truncated JPEG");
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100); // trailing zeros after the end marker are fine
        org.assertj.core.api.Assertions.assertThatCode(() -> codec.decode(padded)).doesNotThrowAnyException();
        byte[] png = TestData.png(TestData.image(40, 40, 2));
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(png, 60))).isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("PNG");
    }

    /** The decompression bomb of issue 12: a valid 0.7 MB PNG that decodes to 729 MP (2.2 GB in OpenCV). */
    @Test
    void decompressionBombIsRefusedFromItsHeaderWithoutDecoding() {
        byte[] bomb = HostileImages.blackPng(27000, 27000);
        assertThat(bomb.length).isBetween(600_000, 800_000);
        DecodeBudget budget = new DecodeBudget(64L << 20);
        ImageCodec guarded = new ImageCodec(budget);
        long started = System.nanoTime();
        assertThatThrownBy(() -> guarded.decode(bomb)).isInstanceOf(ImageDecodeException.class)
                .hasMessage("too large to decode safely: 27000x27000 pixels (729.0 MP; the limit is 150 MP)");
        assertThat((System.nanoTime() - started) / 1e6).as("milliseconds").isLessThan(500);
        assertThat(budget.grants()).as("decodes started").isZero();
    }

    /** The bomb is a real image, not just a header: decoded at a size under the limit, it is all black. */
    @Test
    void theBombGeneratorMakesRealImages() throws Exception {
        RgbImage small = codec.decode(HostileImages.blackPng(3000, 2000));
        assertThat(small.width()).isEqualTo(3000);
        assertThat(small.height()).isEqualTo(2000);
        assertThat(small.get(2999, 1999, 1)).isZero();
        assertThat(codec.decode(HostileImages.blackPng(7, 5)).pixels()).containsOnly(0);
        // runs of 7 rows joined 28 times, and a last run of 4
        RgbImage joined = codec.decode(HostileImages.blackPng(300, 200, 7));
        assertThat(joined.height()).isEqualTo(200);
        assertThat(joined.pixels()).containsOnly(0);
    }

    @Test
    void lyingHeadersOfEveryFormatAreRefusedBeforeDecoding() {
        DecodeBudget budget = new DecodeBudget(64L << 20);
        ImageCodec guarded = new ImageCodec(budget);
        byte[] jpeg = HostileImages.jpegClaiming(TestData.jpeg(TestData.image(16, 16, 1)), 65535, 65535);
        assertThatThrownBy(() -> guarded.decode(jpeg))
                .hasMessage("too large to decode safely: 65535x65535 pixels (4294.8 MP; the limit is 150 MP)");
        for (byte[] liar : List.of(HostileImages.bmpHeader(100_000, 90_000), HostileImages.webpLossy(16383, 16383),
                HostileImages.webpExtended(1 << 24, 1 << 24), HostileImages.tiffHeader(false, 4, 100_000, 70_000))) {
            assertThatThrownBy(() -> guarded.decode(liar)).hasMessageStartingWith("too large to decode safely: ");
        }
        assertThatThrownBy(() -> guarded.decode(HostileImages.pngHeader(ImageCodec.MAX_SIDE + 1, 1)))
                .hasMessage("too large to decode safely: 1048577x1 pixels (1.0 MP; the limit is 150 MP and 1048576 pixels a side)");
        assertThat(budget.grants()).isZero();
    }

    @Test
    void decodeMemoryIsEstimatedFromTheHeader() {
        ImageHeader jpeg = new ImageHeader(ImageFormat.JPEG, 4000, 3000);
        ImageHeader png = new ImageHeader(ImageFormat.PNG, 4000, 3000);
        assertThat(ImageCodec.decodeBytes(jpeg, 1000, Imgcodecs.IMREAD_COLOR)).isEqualTo(120_001_000L);
        // libjpeg scales while decoding; PNG is decoded in full and scaled afterwards
        assertThat(ImageCodec.decodeBytes(jpeg, 1000, Imgcodecs.IMREAD_REDUCED_COLOR_4)).isEqualTo(7_501_000L);
        assertThat(ImageCodec.decodeBytes(jpeg, 1000, Imgcodecs.IMREAD_REDUCED_COLOR_8)).isEqualTo(1_876_000L);
        assertThat(ImageCodec.decodeBytes(png, 1000, Imgcodecs.IMREAD_REDUCED_COLOR_4)).isEqualTo(120_001_000L);
        assertThat(ImageCodec.decodeBytes(jpeg, 1000, Imgcodecs.IMREAD_UNCHANGED)).isEqualTo(120_001_000L);
    }

    @Test
    void exactlyTheLimitPassesTheHeaderCheck() throws Exception {
        assertThat(ImageCodec.MAX_PIXELS).isEqualTo(15000L * 10000);
        assertThat(ImageCodec.admit(HostileImages.pngHeader(15000, 10000)).pixels()).isEqualTo(ImageCodec.MAX_PIXELS);
        assertThatThrownBy(() -> ImageCodec.admit(HostileImages.pngHeader(15000, 10001)))
                .hasMessage("too large to decode safely: 15000x10001 pixels (150.0 MP; the limit is 150 MP)");
    }

    /** Real OpenCV failures (its two message forms) are reported as one short line, without native paths. */
    @Test
    void nativeFailuresAreOneLine() {
        byte[] png = TestData.png(TestData.image(8, 8, 1));
        // a CV_Check failure deep in cvtColor: the form that spans five lines
        assertThatThrownBy(() -> codec.decode(png, Imgcodecs.IMREAD_GRAYSCALE, gray -> {
            Imgproc.cvtColor(gray, gray, Imgproc.COLOR_BGR2GRAY);
            return gray;
        })).isInstanceOf(ImageDecodeException.class).satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("could not decode PNG: Unspecified error: Invalid number of channels in input image: "
                        + "'VScn::contains(scn)' where 'scn' is 1"));
        // a CV_Assert failure
        try {
            Imgproc.resize(new Mat(2, 2, CvType.CV_8UC1), new Mat(), new Size(0, 0));
            org.assertj.core.api.Assertions.fail("resize accepted no size");
        } catch (CvException e) {
            assertThat(e.getMessage()).as("OpenCV's own text").contains("\n").contains("resize.cpp");
            assertThat(DecodeFailures.reason(e)).isEqualTo("Assertion failed: inv_scale_x > 0");
        }
        assertThat(DecodeFailures.reason(new IllegalStateException("first\n  second\tthird "))).isEqualTo("first second third");
        assertThat(DecodeFailures.reason(new IllegalStateException("x".repeat(500)))).hasSize(DecodeFailures.MAX_LENGTH);
        assertThat(DecodeFailures.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void anInterruptedDecodeIsACancellationNotABadImage() {
        byte[] png = TestData.png(TestData.image(8, 8, 1));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> codec.decode(png)).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
