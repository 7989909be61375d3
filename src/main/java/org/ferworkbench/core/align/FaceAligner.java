package org.ferworkbench.core.align;

import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.FaceDetection.Landmark;
import org.ferworkbench.core.image.Mats;
import org.ferworkbench.core.image.OpenCvRuntime;
import org.ferworkbench.core.image.RgbImage;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts an aligned, square face out of an image, in one bilinear warp (no double resampling).
 *
 * <p>EYES (the study): the angle of the line from the eye on the image's left to the eye on the image's right
 * is measured; the image is rotated by that angle about the eye midpoint, so the eyes become level; the
 * detector's box, made square around its centre (side = the longer side, no margin), is taken in the rotated
 * image. The crop keeps the box's pixel scale (side x side); resizing to the output is the next stage.
 *
 * <p>EYES68 is EYES with eye points the stage placed at the six-point means of the 68-point net
 * ({@code facestage.Landmark68Eyes}): the geometry is the same.
 *
 * <p>SIMILARITY: the five landmarks are mapped onto the ArcFace template (defined on 112x112) scaled to the
 * crop side, with a least-squares similarity transform.
 *
 * <p>Pixels that fall outside the image are filled by the border mode (edge replication by default, the same
 * as augmentation). Thread-safe.
 */
public final class FaceAligner {
    /** ArcFace's 5-point template on a 112x112 crop: left eye, right eye, nose, mouth left, mouth right. */
    private static final double[][] TEMPLATE_112 = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};

    private final AlignmentMethod method;
    private final BorderMode border;

    public FaceAligner(AlignmentMethod method, BorderMode border) {
        OpenCvRuntime.ensureLoaded();
        this.method = method;
        this.border = border;
    }

    /** Degrees to rotate (counter-clockwise, OpenCV's sign) so the eyes become level. */
    public static double eyeAngleDegrees(FaceDetection face) {
        Landmark l = face.leftEye();
        Landmark r = face.rightEye();
        return Math.toDegrees(Math.atan2(r.y() - l.y(), r.x() - l.x()));
    }

    public AlignedFace align(RgbImage image, FaceDetection face) {
        int side = Math.max(1, (int) Math.round(Math.max(face.x2() - face.x1(), face.y2() - face.y1())));
        boolean eyes = method != AlignmentMethod.SIMILARITY;
        Mat transform = eyes ? eyesTransform(face, side) : similarityTransform(face, side);
        double angle = eyes ? eyeAngleDegrees(face)
                : Math.toDegrees(Math.atan2(transform.get(1, 0)[0], transform.get(0, 0)[0]));
        Mat src = Mats.toRgbMat(image);
        Mat dst = new Mat();
        try {
            Imgproc.warpAffine(src, dst, transform, new Size(side, side), Imgproc.INTER_LINEAR,
                    border.openCvCode(), new Scalar(0, 0, 0));
            return new AlignedFace(Mats.toRgbImage(dst, -1), angle);
        } finally {
            src.release();
            dst.release();
            transform.release();
        }
    }

    /** Rotation about the eye midpoint, then a shift that puts the (rotated) box centre at the crop centre. */
    private static Mat eyesTransform(FaceDetection face, int side) {
        Landmark l = face.leftEye();
        Landmark r = face.rightEye();
        Point mid = new Point((l.x() + r.x()) / 2, (l.y() + r.y()) / 2);
        Mat m = Imgproc.getRotationMatrix2D(mid, eyeAngleDegrees(face), 1.0);
        double cx = (face.x1() + face.x2()) / 2;
        double cy = (face.y1() + face.y2()) / 2;
        double rcx = m.get(0, 0)[0] * cx + m.get(0, 1)[0] * cy + m.get(0, 2)[0];
        double rcy = m.get(1, 0)[0] * cx + m.get(1, 1)[0] * cy + m.get(1, 2)[0];
        // pixel centres: crop pixel (side-1)/2 is the box centre
        m.put(0, 2, m.get(0, 2)[0] - rcx + (side - 1) / 2.0);
        m.put(1, 2, m.get(1, 2)[0] - rcy + (side - 1) / 2.0);
        return m;
    }

    private static Mat similarityTransform(FaceDetection face, int side) {
        Point[] from = new Point[5];
        Point[] to = new Point[5];
        double scale = side / 112.0;
        for (int i = 0; i < 5; i++) {
            from[i] = new Point(face.landmarks().get(i).x(), face.landmarks().get(i).y());
            to[i] = new Point(TEMPLATE_112[i][0] * scale, TEMPLATE_112[i][1] * scale);
        }
        MatOfPoint2f a = new MatOfPoint2f(from);
        MatOfPoint2f b = new MatOfPoint2f(to);
        try {
            Mat m = Calib3d.estimateAffinePartial2D(a, b, new Mat(), Calib3d.LMEDS, 3, 2000, 0.99, 10);
            if (m == null || m.empty()) {
                // degenerate landmarks: fall back to the eye method's geometry
                return eyesTransform(face, side);
            }
            if (m.type() != CvType.CV_64F) m.convertTo(m, CvType.CV_64F);
            return m;
        } finally {
            a.release();
            b.release();
        }
    }
}
