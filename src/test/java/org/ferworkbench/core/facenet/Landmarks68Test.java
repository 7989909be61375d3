package org.ferworkbench.core.facenet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** face-api's boxes from landmarks, by hand: eyes at (40, 50) and (60, 50), mouth at (50, 70), the rest at (50, 60). */
class Landmarks68Test {

    private static List<Landmarks68.Point> points() {
        List<Landmarks68.Point> p = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            if (i >= 36 && i < 42) p.add(new Landmarks68.Point(40, 50));
            else if (i >= 42 && i < 48) p.add(new Landmarks68.Point(60, 50));
            else if (i >= 48) p.add(new Landmarks68.Point(50, 70));
            else p.add(new Landmarks68.Point(50, 60));
        }
        return p;
    }

    private static final CropRegion CROP = new CropRegion(0, 0, 100, 100);

    @Test
    void descriptorBoxIsDlibsAlignment() {
        // eye-to-mouth distance sqrt(10^2 + 20^2) = 22.36, size floor(22.36 / 0.45) = 49; centre (50, 56.67):
        // x = floor(50 - 0.5 * 49) = 25, y = floor(56.67 - 0.43 * 49) = 35
        Landmarks68 lm = new Landmarks68(points(), new FaceBox(0, 0, 100, 100), CROP);
        assertThat(lm.descriptorBox()).isEqualTo(new FaceBox(25, 35, 49, 49));
    }

    @Test
    void alignedBoxIsTheBoundingBoxGrownByAFifth() {
        Landmarks68 lm = new Landmarks68(points(), new FaceBox(0, 0, 100, 100), CROP);
        FaceBox b = lm.alignedBox();
        assertThat(b.x()).isCloseTo(38, within(1e-12));
        assertThat(b.y()).isCloseTo(48, within(1e-12));
        assertThat(b.width()).isCloseTo(24, within(1e-12));
        assertThat(b.height()).isCloseTo(24, within(1e-12));
    }

    @Test
    void faceApiShiftsByTheBoxCornerNotTheCrops() {
        // box corner (0.75, -3.5), crop corner (0, 0): face-api's points are 0.75 right and 3.5 up of where the net
        // saw them, and its boxes follow them
        Landmarks68 lm = new Landmarks68(points(), new FaceBox(0.75, -3.5, 100, 100), CROP);
        assertThat(lm.get(36)).isEqualTo(new Landmarks68.Point(40, 50));
        assertThat(lm.faceApiPoints().get(36)).isEqualTo(new Landmarks68.Point(40.75, 46.5));
        // x = floor(50.75 - 24.5) = 26, y = floor(53.17 - 21.07) = 32
        assertThat(lm.descriptorBox()).isEqualTo(new FaceBox(26, 32, 49, 49));
        assertThat(lm.alignedBox().x()).isCloseTo(38.75, within(1e-12));
        assertThat(lm.alignedBox().y()).isCloseTo(44.5, within(1e-12));
    }

    @Test
    void descriptorBoxIsCappedByTheCropSizeLikeFaceApis() {
        // face-api caps the side at "image width + x" with the landmark crop as the image
        Landmarks68 lm = new Landmarks68(points(), new FaceBox(0, 0, 20, 30), new CropRegion(0, 0, 20, 30));
        assertThat(lm.descriptorBox()).isEqualTo(new FaceBox(25, 35, 45, 49));
    }
}
