package org.ferworkbench.core.image;

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

    /** OpenCV's two message forms (CV_Assert, and the five lines of CV_Check) become one short line without paths. */
    @Test
    void nativeFailuresAreOneLine() {
        try {
            Imgproc.resize(new Mat(2, 2, CvType.CV_8UC1), new Mat(), new Size(0, 0));
            org.assertj.core.api.Assertions.fail("resize accepted no size");
        } catch (CvException e) {
            assertThat(e.getMessage()).as("OpenCV's own text").contains("\n").contains("resize.cpp");
            assertThat(DecodeFailures.reason(e)).isEqualTo("Assertion failed: inv_scale_x > 0");
        }
        try {
            Imgproc.cvtColor(new Mat(2, 2, CvType.CV_8UC1), new Mat(), Imgproc.COLOR_BGR2GRAY);
            org.assertj.core.api.Assertions.fail("cvtColor accepted one channel as BGR");
        } catch (CvException e) {
            assertThat(DecodeFailures.reason(e)).isEqualTo(
                    "Unspecified error: Invalid number of channels in input image: 'VScn::contains(scn)' where 'scn' is 1");
        }
        assertThat(DecodeFailures.reason(new IllegalStateException("first\n  second\tthird "))).isEqualTo("first second third");
        assertThat(DecodeFailures.reason(new IllegalStateException("x".repeat(500)))).hasSize(DecodeFailures.MAX_LENGTH);
        assertThat(DecodeFailures.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
