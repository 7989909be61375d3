package org.ferworkbench.core.facenet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The part of FaceNets that needs no model: the landmark arithmetic after the net. */
class FaceNetsTest {

    @Test
    void landmarksLeaveTheSquarePaddingAndMapToTheCrop() {
        // a 100x50 crop at (7, 9): 112 / 100 = 1.12 per pixel, the 56 rows of the crop centred in 112 (28 above);
        // the input's centre (56, 56) is the crop's centre (50, 25); (0, 28) its top-left corner
        float[] out = new float[136];
        out[0] = 56;
        out[1] = 56;
        out[2] = 0;
        out[3] = 28;
        CropRegion crop = new CropRegion(7, 9, 100, 50);
        Landmarks68 lm = FaceNets.toImage(out, 0, new FaceBox(7.5, 9.25, 100.2, 50.9), crop);
        assertThat(lm.get(0).x()).isCloseTo(57, within(1e-5));
        assertThat(lm.get(0).y()).isCloseTo(34, within(1e-5));
        assertThat(lm.get(1).x()).isCloseTo(7, within(1e-5));
        assertThat(lm.get(1).y()).isCloseTo(9, within(1e-5));
        assertThat(lm.faceApiPoints().get(0).x()).isCloseTo(57.5, within(1e-5));
        assertThat(lm.faceApiPoints().get(0).y()).isCloseTo(34.25, within(1e-5));
        assertThat(lm.crop()).isEqualTo(crop);
    }
}
