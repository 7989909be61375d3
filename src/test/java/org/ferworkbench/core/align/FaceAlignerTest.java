package org.ferworkbench.core.align;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.augment.Augmenter;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.FaceDetection.Landmark;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FaceAlignerTest {

    /** A dark image with two bright 3x3 "eyes"; returns it with a detection whose landmarks sit on them. */
    static RgbImage eyes(int w, int h, double lx, double ly, double rx, double ry) {
        byte[] px = new byte[w * h * 3];
        for (double[] e : new double[][]{{lx, ly}, {rx, ry}}) {
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    for (int c = 0; c < 3; c++) px[(((int) e[1] + dy) * w + (int) e[0] + dx) * 3 + c] = (byte) 255;
        }
        return new RgbImage(w, h, px);
    }

    static FaceDetection face(double x1, double y1, double x2, double y2, double lx, double ly, double rx, double ry) {
        return new FaceDetection(x1, y1, x2, y2, 0.99, List.of(new Landmark(lx, ly), new Landmark(rx, ry),
                new Landmark((lx + rx) / 2, ly + 10), new Landmark(lx, ly + 20), new Landmark(rx, ry + 20)));
    }

    /** Centroid (x, y) of bright pixels in the left or right half. */
    static double[] centroid(RgbImage img, boolean leftHalf) {
        double sx = 0, sy = 0, n = 0;
        for (int y = 0; y < img.height(); y++)
            for (int x = leftHalf ? 0 : img.width() / 2; x < (leftHalf ? img.width() / 2 : img.width()); x++) {
                int v = img.get(x, y, 0);
                if (v > 60) {
                    sx += x * v;
                    sy += y * v;
                    n += v;
                }
            }
        return new double[]{sx / n, sy / n};
    }

    @Test
    void eyeAngleSignFollowsOpenCvCounterClockwise() {
        // right eye lower than the left (y grows downwards): the face is turned clockwise on screen
        assertThat(FaceAligner.eyeAngleDegrees(face(0, 0, 10, 10, 30, 40, 70, 60)))
                .isCloseTo(Math.toDegrees(Math.atan2(20, 40)), within(1e-9));
    }

    @Test
    void tiltedEyesComeOutLevelAndCentredInASquareCrop() {
        RgbImage img = eyes(200, 160, 70, 60, 130, 90); // tilted ~26.6 degrees
        FaceDetection f = face(50, 30, 150, 150, 70, 60, 130, 90);
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, BorderMode.BLACK).align(img, f);
        assertThat(out.image().width()).isEqualTo(120).isEqualTo(out.image().height());
        assertThat(out.rotationDegrees()).isCloseTo(26.565, within(0.01));
        double[] l = centroid(out.image(), true);
        double[] r = centroid(out.image(), false);
        assertThat(Math.toDegrees(Math.atan2(r[1] - l[1], r[0] - l[0]))).isCloseTo(0, within(1.0));
        assertThat(l[0]).isLessThan(r[0]); // not mirrored, not upside down
        assertThat(Math.hypot(r[0] - l[0], r[1] - l[1])).isCloseTo(Math.hypot(60, 30), within(2.0)); // no scaling
    }

    @Test
    void similarityMapsLandmarksOntoTheTemplate() {
        // landmarks = the 112-px template scaled by 1.5, rotated by 20 degrees, shifted: the inverse is exact
        double[][] t = {{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};
        double a = Math.toRadians(20), k = 1.5;
        Landmark[] marks = new Landmark[5];
        for (int i = 0; i < 5; i++) {
            double x = t[i][0] * k, y = t[i][1] * k;
            marks[i] = new Landmark(40 + x * Math.cos(a) - y * Math.sin(a), 10 + x * Math.sin(a) + y * Math.cos(a));
        }
        RgbImage img = eyes(260, 260, marks[0].x(), marks[0].y(), marks[1].x(), marks[1].y());
        FaceDetection f = new FaceDetection(40, 40, 208, 208, 0.99, List.of(marks));
        AlignedFace out = new FaceAligner(AlignmentMethod.SIMILARITY, BorderMode.BLACK).align(img, f);
        double scale = out.image().width() / 112.0;
        double[] l = centroid(out.image(), true);
        double[] r = centroid(out.image(), false);
        assertThat(l[0]).isCloseTo(t[0][0] * scale, within(1.0));
        assertThat(l[1]).isCloseTo(t[0][1] * scale, within(1.0));
        assertThat(r[0]).isCloseTo(t[1][0] * scale, within(1.0));
        assertThat(r[1]).isCloseTo(t[1][1] * scale, within(1.0));
        assertThat(out.rotationDegrees()).isCloseTo(-20, within(0.5));
    }

    /**
     * Five real photos, each rotated by +-15 and +-30 degrees: the detector must see the tilt (right sign, so the
     * landmark order is right), and the aligned crop, detected again, must have level eyes. MTCNN's own
     * landmark noise is about +-2.5 degrees (measured: re-detecting an untilted, aligned face gave up to 2.6),
     * so the bound is on the mean over the 20 cases (2 degrees) with a per-case ceiling of 4 degrees.
     */
    @Test
    void realPhotosRotatedByKnownAnglesAreLevelAfterAlignment() throws Exception {
        Path faces = TestData.sharedDataOrSkip("faces");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        double sum = 0;
        int n = 0;
        try (MtcnnDetector detector = new MtcnnDetector(MtcnnModels.shared())) {
            FaceAligner aligner = new FaceAligner(AlignmentMethod.EYES, BorderMode.REPLICATE);
            Augmenter rotate = new Augmenter(BorderMode.REPLICATE);
            for (String name : List.of("happy.jpg", "angry.jpg", "surprised.jpg", "neutral.jpg", "sad.jpg")) {
                RgbImage original = new ImageCodec().decode(Files.readAllBytes(faces.resolve(name)));
                double base = FaceAligner.eyeAngleDegrees(detector.detect(original).get(0));
                for (double tilt : new double[]{-30, -15, 15, 30}) {
                    RgbImage tilted = rotate.apply(original, new Augmentation(tilt, 1, false, 0));
                    FaceDetection f = detector.detect(tilted).get(0);
                    // OpenCV's positive angle turns the image counter-clockwise, lifting the right eye: base - tilt
                    assertThat(FaceAligner.eyeAngleDegrees(f)).as("%s tilted %s: measured tilt", name, tilt)
                            .isCloseTo(base - tilt, within(8.0)); // a swapped sign would be 2 x tilt off
                    List<FaceDetection> again = detector.detect(aligner.align(tilted, f).image());
                    assertThat(again).as("%s tilted %s: face found in the aligned crop", name, tilt).isNotEmpty();
                    FaceDetection g = again.get(0);
                    double residual = FaceAligner.eyeAngleDegrees(g);
                    assertThat(residual).as("%s tilted %s: eyes level", name, tilt).isCloseTo(0, within(4.0));
                    assertThat(g.leftEye().x()).as("not mirrored").isLessThan(g.rightEye().x());
                    assertThat(g.leftEye().y()).as("not upside down").isLessThan(g.landmarks().get(3).y());
                    sum += Math.abs(residual);
                    n++;
                }
            }
        }
        assertThat(sum / n).as("mean |eye angle| after alignment, degrees").isLessThan(2.0);
    }
}
