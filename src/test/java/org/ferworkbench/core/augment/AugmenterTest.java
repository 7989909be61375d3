package org.ferworkbench.core.augment;

import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AugmenterTest {
    private final Augmenter augmenter = new Augmenter(BorderMode.REPLICATE);

    @Test
    void flipMirrorsColumnsExactly() {
        RgbImage img = TestData.image(9, 5, 1);
        RgbImage out = augmenter.apply(img, new Augmentation(0, 1, true, 0));
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 9; x++)
                for (int c = 0; c < 3; c++) assertThat(out.get(x, y, c)).isEqualTo(img.get(8 - x, y, c));
    }

    @Test
    void brightnessMultipliesAndRounds() {
        RgbImage img = TestData.solid(4, 4, 200, 101, 3);
        RgbImage out = augmenter.apply(img, new Augmentation(0, 0.5, false, 0));
        assertThat(out.get(1, 1, 0)).isEqualTo(100);
        assertThat(out.get(1, 1, 1)).isEqualTo(50); // 50.5 rounds to even in OpenCV's saturate_cast (cvRound)
        assertThat(out.get(1, 1, 2)).isEqualTo(2);
    }

    @Test
    void rotationBy90DegreesIsCounterClockwiseAboutTheCentre() {
        // a single bright pixel right of centre on an odd-sized square ends up above the centre
        byte[] px = new byte[7 * 7 * 3];
        int x = 5, y = 3;
        px[(y * 7 + x) * 3] = (byte) 255;
        RgbImage img = new RgbImage(7, 7, px);
        RgbImage out = new Augmenter(BorderMode.BLACK).apply(img, new Augmentation(90, 1, false, 0));
        assertThat(out.get(3, 1, 0)).isEqualTo(255);
        assertThat(out.get(5, 3, 0)).isEqualTo(0);
    }

    @Test
    void identityReturnsTheSameImage() {
        RgbImage img = TestData.image(8, 8, 3);
        assertThat(augmenter.apply(img, Augmentation.IDENTITY)).isSameAs(img);
    }

    @Test
    void samplesStayInTheirRangesAndAreRepeatable() {
        AugmentationParameters p = AugmentationParameters.DEFAULTS;
        int flips = 0;
        for (long seed = 0; seed < 2000; seed++) {
            Augmentation a = p.sample(seed);
            assertThat(a.rotationDegrees()).isBetween(0.0, 90.0);
            assertThat(a.brightness()).isBetween(0.2, 1.0);
            if (a.flipped()) flips++;
            assertThat(p.sample(seed)).isEqualTo(a);
        }
        assertThat(flips).isBetween(900, 1100);
        Augmentation off = p.withFlip(false).sample(5);
        assertThat(off.flipped()).isFalse();
        assertThat(off.rotationDegrees()).isEqualTo(p.sample(5).rotationDegrees());
    }
}
