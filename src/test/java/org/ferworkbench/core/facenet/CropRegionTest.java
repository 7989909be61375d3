package org.ferworkbench.core.facenet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** face-api's crop of a box: clipped at the image borders, then x, y, width and height each floored. */
class CropRegionTest {

    @Test
    void aBoxInsideTheImageIsFlooredComponentByComponent() {
        // width 30.5 floors to 30 (not floor(right) - floor(x) = 41 - 10 = 31)
        assertThat(CropRegion.of(new FaceBox(10.7, 20.2, 30.5, 40.9), 100, 100))
                .isEqualTo(new CropRegion(10, 20, 30, 40));
    }

    @Test
    void aBoxPastTheLeftAndTopEdgesLosesWhatIsOutside() {
        // right = 14.5, bottom = 26.8: the parts left of and above the image are cut off
        assertThat(CropRegion.of(new FaceBox(-5.5, -3.2, 20, 30), 100, 100))
                .isEqualTo(new CropRegion(0, 0, 14, 26));
    }

    @Test
    void aBoxPastTheRightAndBottomEdgesEndsAtTheImage() {
        // width min(20, 100 - 90.3 = 9.7) -> 9, height min(20, 4.5) -> 4
        assertThat(CropRegion.of(new FaceBox(90.3, 95.5, 20, 20), 100, 100))
                .isEqualTo(new CropRegion(90, 95, 9, 4));
    }

    @Test
    void aBoxLargerThanTheImageIsTheWholeImage() {
        assertThat(CropRegion.of(new FaceBox(-10, -10, 200, 300), 64, 48)).isEqualTo(new CropRegion(0, 0, 64, 48));
    }

    @Test
    void aBoxWithNoWholePixelInsideIsRefused() {
        assertThatThrownBy(() -> CropRegion.of(new FaceBox(150, 10, 20, 20), 100, 100))
                .isInstanceOf(IllegalArgumentException.class);
        // half a pixel inside floors to nothing (face-api drops such a face)
        assertThatThrownBy(() -> CropRegion.of(new FaceBox(99.5, 0, 10, 10), 100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no whole pixel");
    }
}
