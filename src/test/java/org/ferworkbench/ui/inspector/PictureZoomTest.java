package org.ferworkbench.ui.inspector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PictureZoomTest {
    static final double W = 380, H = 300;

    @Test
    void zoomKeepsThePointUnderTheCursorAndStaysWithinBounds() {
        PictureZoom z = PictureZoom.FIT.zoomAt(2, 100, 50, W, H);
        assertThat(z.zoom()).isEqualTo(2);
        // content point (100, 50) still shows at frame point (100, 50)
        assertThat(z.tx() + 2 * 100).isCloseTo(100, within(1e-9));
        assertThat(z.ty() + 2 * 50).isCloseTo(50, within(1e-9));
        PictureZoom max = z.zoomAt(100, 0, 0, W, H);
        assertThat(max.zoom()).isEqualTo(PictureZoom.MAX);
        assertThat(max.zoomAt(0.0001, 10, 10, W, H)).isEqualTo(PictureZoom.FIT);
    }

    @Test
    void panningNeverShowsEmptySpaceAndFitCannotPan() {
        assertThat(PictureZoom.FIT.panBy(50, 50, W, H)).isEqualTo(PictureZoom.FIT);
        PictureZoom z = PictureZoom.FIT.zoomAt(2, W / 2, H / 2, W, H);
        PictureZoom far = z.panBy(10_000, -10_000, W, H);
        assertThat(far.tx()).isZero();
        assertThat(far.ty()).isEqualTo(H - 2 * H);
        assertThat(z.panBy(-20, 0, W, H).tx()).isCloseTo(z.tx() - 20, within(1e-9));
    }
}
