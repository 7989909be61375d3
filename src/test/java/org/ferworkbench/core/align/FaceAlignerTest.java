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
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, CropFill.BLACK).align(img, f);
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
        AlignedFace out = new FaceAligner(AlignmentMethod.SIMILARITY, CropFill.BLACK).align(img, f);
        double scale = out.image().width() / 112.0;
        double[] l = centroid(out.image(), true);
        double[] r = centroid(out.image(), false);
        assertThat(l[0]).isCloseTo(t[0][0] * scale, within(1.0));
        assertThat(l[1]).isCloseTo(t[0][1] * scale, within(1.0));
        assertThat(r[0]).isCloseTo(t[1][0] * scale, within(1.0));
        assertThat(r[1]).isCloseTo(t[1][1] * scale, within(1.0));
        assertThat(out.rotationDegrees()).isCloseTo(-20, within(0.5));
    }

    // ---- crop fill: a box reaching past the image -------------------------------------------------------------

    /** A 100x80 image whose every pixel says where it is and none is black: (1 + 2x, 1 + 3y, 255 - x). */
    static RgbImage coordinates(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (1 + 2 * x);
                px[i + 1] = (byte) (1 + 3 * y);
                px[i + 2] = (byte) (255 - x);
            }
        return new RgbImage(w, h, px);
    }

    static boolean samePixel(RgbImage a, int ax, int ay, RgbImage b, int bx, int by) {
        for (int c = 0; c < 3; c++) if (a.get(ax, ay, c) != b.get(bx, by, c)) return false;
        return true;
    }

    /**
     * Level eyes, box 60 px square centred on (89.5, 39.5) in a 100x80 image: the square spans x 59.5..119.5, so its
     * right third (x past 99.5) is outside. Crop pixel u shows image column u + 60 exactly (no interpolation).
     */
    static final FaceDetection RIGHT_EDGE = face(59.5, 9.5, 119.5, 69.5, 75, 30, 104, 30);

    @Test
    void edgeRepeatsTheEdgePixelsIntoThePartOutsideTheImage() {
        RgbImage img = coordinates(100, 80);
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, CropFill.EDGE).align(img, RIGHT_EDGE);
        assertThat(out.image().width()).isEqualTo(60).isEqualTo(out.image().height());
        for (int v = 0; v < 60; v++) {
            for (int u = 0; u < 40; u++) assertThat(samePixel(out.image(), u, v, img, u + 60, v + 10)).as("(%d, %d) inside", u, v).isTrue();
            for (int u = 40; u < 60; u++) assertThat(samePixel(out.image(), u, v, img, 99, v + 10)).as("(%d, %d) = edge column", u, v).isTrue();
        }
        CropGeometry g = out.crop();
        assertThat(g.fill()).isEqualTo(CropFill.EDGE);
        assertThat(g.side()).isEqualTo(60).isEqualTo(g.fullSide());
        assertThat(g.outsideFraction()).isCloseTo(20 / 60.0, within(1e-9));
        assertThat(g.corners()).containsExactly(new CropGeometry.Point(59.5, 9.5), new CropGeometry.Point(119.5, 9.5),
                new CropGeometry.Point(119.5, 69.5), new CropGeometry.Point(59.5, 69.5));
    }

    @Test
    void blackFillsThePartOutsideTheImageWithZeros() {
        RgbImage img = coordinates(100, 80);
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, CropFill.BLACK).align(img, RIGHT_EDGE);
        assertThat(out.image().width()).isEqualTo(60);
        for (int v = 0; v < 60; v++) {
            for (int u = 0; u < 40; u++) assertThat(samePixel(out.image(), u, v, img, u + 60, v + 10)).as("(%d, %d) inside", u, v).isTrue();
            for (int u = 40; u < 60; u++)
                for (int c = 0; c < 3; c++) assertThat(out.image().get(u, v, c)).as("(%d, %d) outside", u, v).isZero();
        }
        assertThat(out.crop().fill()).isEqualTo(CropFill.BLACK);
        assertThat(out.crop().outsideFraction()).isCloseTo(20 / 60.0, within(1e-9));
    }

    @Test
    void clipShrinksTheSquareAboutItsCentreToTheLargestSideInsideTheImage() {
        RgbImage img = coordinates(100, 80);
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, CropFill.CLIP).align(img, RIGHT_EDGE);
        // unrotated, scale 1: half the side is the room from the centre to the nearest image edge (pixel edges)
        double cx = 89.5, cy = 39.5;
        int expected = (int) Math.floor(2 * Math.min(Math.min(cx + 0.5, 99.5 - cx), Math.min(cy + 0.5, 79.5 - cy)));
        assertThat(expected).isEqualTo(20);
        assertThat(out.image().width()).isEqualTo(expected).isEqualTo(out.image().height());
        // the same centre, every pixel the image's own: the crop is exactly the image's columns 80..99, rows 30..49
        for (int v = 0; v < expected; v++)
            for (int u = 0; u < expected; u++) assertThat(samePixel(out.image(), u, v, img, u + 80, v + 30)).as("(%d, %d)", u, v).isTrue();
        CropGeometry g = out.crop();
        assertThat(g.fill()).isEqualTo(CropFill.CLIP);
        assertThat(g.fullSide()).isEqualTo(60);
        assertThat(g.side()).isEqualTo(20);
        assertThat(g.clipped()).isTrue();
        assertThat(g.outsideFraction()).isZero();
        assertThat(g.corners()).containsExactly(new CropGeometry.Point(79.5, 29.5), new CropGeometry.Point(99.5, 29.5),
                new CropGeometry.Point(99.5, 49.5), new CropGeometry.Point(79.5, 49.5));
    }

    @Test
    void clipKeepsATurnedSquareInsideAndAsLargeAsFits() {
        RgbImage img = coordinates(100, 80);
        // eyes tilted by atan(0.4) = 21.8 degrees, box centred on (80, 55): the turned 60 px square reaches past the
        // right and bottom edges
        FaceDetection f = face(50, 25, 110, 85, 65, 40, 90, 50);
        double theta = Math.atan2(10, 25);
        AlignedFace out = new FaceAligner(AlignmentMethod.EYES, CropFill.CLIP).align(img, f);
        // the crop's axes in the image are (cos, sin) and (-sin, cos): a square of side s reaches s/2 (|cos| + |sin|)
        // from its centre along x and along y
        double reach = (Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta))) / 2;
        double room = Math.min(Math.min(80 + 0.5, 99.5 - 80), Math.min(55 + 0.5, 79.5 - 55));
        int expected = (int) Math.floor(room / reach);
        CropGeometry g = out.crop();
        assertThat(g.side()).isEqualTo(expected).isEqualTo(out.image().width()).isLessThan(60);
        for (CropGeometry.Point p : g.corners()) {
            assertThat(p.x()).isBetween(-0.5, 99.5);
            assertThat(p.y()).isBetween(-0.5, 79.5);
        }
        // centred on the box centre, turned with the eyes
        double mx = g.corners().stream().mapToDouble(CropGeometry.Point::x).average().orElseThrow();
        double my = g.corners().stream().mapToDouble(CropGeometry.Point::y).average().orElseThrow();
        assertThat(mx).isCloseTo(80, within(1e-6));
        assertThat(my).isCloseTo(55, within(1e-6));
        CropGeometry.Point tl = g.corners().get(0), tr = g.corners().get(1);
        assertThat(Math.atan2(tr.y() - tl.y(), tr.x() - tl.x())).isCloseTo(theta, within(1e-9));
        assertThat(Math.hypot(tr.x() - tl.x(), tr.y() - tl.y())).isCloseTo(expected, within(1e-9));
        // one pixel more would not fit
        assertThat((expected + 1) * reach).isGreaterThan(room);
        // the full square did reach outside: the same box filled black has a black part
        assertThat(new FaceAligner(AlignmentMethod.EYES, CropFill.BLACK).align(img, f).crop().outsideFraction()).isPositive();
    }

    @Test
    void clipWorksFromTheInverseTransformForTheSimilarityMethodToo() {
        double[][] t = {{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};
        double a = Math.toRadians(-15), k = 0.8;
        Landmark[] marks = new Landmark[5];
        for (int i = 0; i < 5; i++) {
            double x = t[i][0] * k, y = t[i][1] * k;
            marks[i] = new Landmark(30 + x * Math.cos(a) - y * Math.sin(a), 5 + x * Math.sin(a) + y * Math.cos(a));
        }
        RgbImage img = coordinates(100, 80);
        FaceDetection f = new FaceDetection(30, 0, 120, 90, 0.99, List.of(marks));
        AlignedFace edge = new FaceAligner(AlignmentMethod.SIMILARITY, CropFill.EDGE).align(img, f);
        AlignedFace clip = new FaceAligner(AlignmentMethod.SIMILARITY, CropFill.CLIP).align(img, f);
        assertThat(edge.crop().outsideFraction()).isPositive();
        assertThat(clip.crop().side()).isLessThan(clip.crop().fullSide()).isEqualTo(clip.image().width());
        double margin = Double.MAX_VALUE;
        for (CropGeometry.Point p : clip.crop().corners()) {
            assertThat(p.x()).isBetween(-0.5, 99.5);
            assertThat(p.y()).isBetween(-0.5, 79.5);
            margin = Math.min(margin, Math.min(Math.min(p.x() + 0.5, 99.5 - p.x()), Math.min(p.y() + 0.5, 79.5 - p.y())));
        }
        // as large as fits: a corner comes within a crop pixel (1 / scale image pixels) of an edge
        assertThat(margin).isLessThan(1.5 / (clip.crop().fullSide() / 112.0 / k));
        // the same centre as the full square
        double ex = edge.crop().corners().stream().mapToDouble(CropGeometry.Point::x).average().orElseThrow();
        double cx = clip.crop().corners().stream().mapToDouble(CropGeometry.Point::x).average().orElseThrow();
        assertThat(cx).isCloseTo(ex, within(1e-6));
    }

    @Test
    void aBoxInsideTheImageGivesTheSameCropWithEveryFill() {
        RgbImage img = coordinates(100, 80);
        FaceDetection f = face(30, 15, 70, 55, 40, 30, 60, 36); // tilted, well inside
        AlignedFace edge = new FaceAligner(AlignmentMethod.EYES, CropFill.EDGE).align(img, f);
        for (CropFill fill : CropFill.values()) {
            AlignedFace out = new FaceAligner(AlignmentMethod.EYES, fill).align(img, f);
            assertThat(out.image().pixels()).as(fill.name()).isEqualTo(edge.image().pixels());
            assertThat(out.crop().side()).isEqualTo(40).isEqualTo(out.crop().fullSide());
            assertThat(out.crop().outsideFraction()).isZero();
            assertThat(out.crop().corners()).isEqualTo(edge.crop().corners());
        }
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
            FaceAligner aligner = new FaceAligner(AlignmentMethod.EYES, CropFill.EDGE);
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
