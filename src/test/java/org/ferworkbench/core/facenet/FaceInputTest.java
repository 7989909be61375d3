package org.ferworkbench.core.facenet;

import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** face-api's net input by hand: pad to a square (half the difference, rounded, after), then resizeBilinear. */
class FaceInputTest {

    /** An image whose red channel is {@code red}, green 1 and blue 2 everywhere. */
    private static RgbImage image(int width, int height, int[] red) {
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            px[3 * i] = (byte) red[i];
            px[3 * i + 1] = 1;
            px[3 * i + 2] = 2;
        }
        return new RgbImage(width, height, px);
    }

    private static float[] red(float[] hwc) {
        float[] out = new float[hwc.length / 3];
        for (int i = 0; i < out.length; i++) out[i] = hwc[3 * i];
        return out;
    }

    @Test
    void aWideCropIsPaddedBelowAndUpscaledBilinearly() {
        // crop 2x1 (10, 30) -> square 2x2 with a zero row below -> 4x4, source coordinate = out * 0.5,
        // neighbours floor and ceil clamped to the square
        RgbImage img = image(2, 1, new int[] {10, 30});
        float[] out = new float[4 * 4 * 3];
        FaceInput.write(img, new CropRegion(0, 0, 2, 1), 4, out, 0);
        assertThat(red(out)).containsExactly(
                10, 20, 30, 30,
                5, 10, 15, 15,
                0, 0, 0, 0,
                0, 0, 0, 0);
        // the padding is zero in every channel; the image's channels are interpolated the same way
        assertThat(out[1]).isEqualTo(1f);
        assertThat(out[2 * 4 * 3 + 1]).isEqualTo(0f);
    }

    @Test
    void anOddDifferenceGoesMostlyAfterTheCrop() {
        // crop 1 wide, 4 high, at (2, 1) of a 6x5 image: difference 3, Math.round(1.5) = 2 columns after it, 1 before
        int[] red = new int[6 * 5];
        for (int y = 1; y <= 4; y++) red[y * 6 + 2] = 40 * y;
        red[0] = 255;                                    // outside the crop: never read
        float[] out = new float[4 * 4 * 3];
        FaceInput.write(image(6, 5, red), new CropRegion(2, 1, 1, 4), 4, out, 0);
        assertThat(red(out)).containsExactly(
                0, 40, 0, 0,
                0, 80, 0, 0,
                0, 120, 0, 0,
                0, 160, 0, 0);
    }

    @Test
    void downscalingSamplesAtOutTimesInOverOut() {
        // 3x3 crop -> 2x2: source coordinates 0 and 1.5 (TF's align_corners = false, half_pixel_centers = false)
        RgbImage img = image(3, 3, new int[] {0, 10, 20, 30, 40, 50, 60, 70, 80});
        float[] out = new float[2 * 2 * 3 + 5];
        FaceInput.write(img, new CropRegion(0, 0, 3, 3), 2, out, 5);
        float[] written = java.util.Arrays.copyOfRange(out, 5, out.length);
        assertThat(red(written)).containsExactly(0, 15, 45, 60);
    }
}
