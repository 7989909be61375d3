package org.ferworkbench.core.align;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.FaceDetection.Landmark;
import org.ferworkbench.core.image.Mats;
import org.ferworkbench.core.image.OpenCvRuntime;
import org.ferworkbench.core.image.RgbImage;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

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
 * <p>Where the square reaches past the image, {@link CropFill} decides: EDGE repeats the edge pixels, BLACK fills
 * zeros, CLIP shrinks the square about its centre (the point the crop's centre shows stays the same, the scale and
 * the turn stay the same) to the largest whole side whose four corners, mapped back into the image, lie inside it
 * (pixel edges: [-0.5, width - 0.5] x [-0.5, height - 0.5]). The clipped side comes in closed form from the inverse
 * of the crop's affine transform, so it holds for every alignment method. The result reports where the square lay
 * and how much of it was filled ({@link CropGeometry}). Thread-safe.
 */
public final class FaceAligner {
    /** ArcFace's 5-point template on a 112x112 crop: left eye, right eye, nose, mouth left, mouth right. */
    private static final double[][] TEMPLATE_112 = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};

    /** Slack for the floor of the clipped side, so a side that fits exactly is not lost to rounding. */
    private static final double EPS = 1e-9;

    private final AlignmentMethod method;
    private final CropFill fill;

    public FaceAligner(AlignmentMethod method, CropFill fill) {
        OpenCvRuntime.ensureLoaded();
        this.method = method;
        this.fill = fill;
    }

    public CropFill fill() {
        return fill;
    }

    /** Degrees to rotate (counter-clockwise, OpenCV's sign) so the eyes become level. */
    public static double eyeAngleDegrees(FaceDetection face) {
        Landmark l = face.leftEye();
        Landmark r = face.rightEye();
        return Math.toDegrees(Math.atan2(r.y() - l.y(), r.x() - l.x()));
    }

    public AlignedFace align(RgbImage image, FaceDetection face) {
        int full = Math.max(1, (int) Math.round(Math.max(face.x2() - face.x1(), face.y2() - face.y1())));
        boolean eyes = method != AlignmentMethod.SIMILARITY;
        Mat transform = eyes ? eyesTransform(face, full) : similarityTransform(face, full);
        double angle = eyes ? eyeAngleDegrees(face)
                : Math.toDegrees(Math.atan2(transform.get(1, 0)[0], transform.get(0, 0)[0]));
        double[] m = new double[6];
        transform.get(0, 0, m);
        int side = fill == CropFill.CLIP ? clippedSide(m, full, image.width(), image.height()) : full;
        if (side != full) {
            // the same centre: crop pixel (side-1)/2 still shows what (full-1)/2 showed
            m[2] += (side - full) / 2.0;
            m[5] += (side - full) / 2.0;
            transform.put(0, 0, m);
        }
        Mat src = Mats.toRgbMat(image);
        Mat dst = new Mat();
        try {
            // CLIP: only the rim's half pixel lies beyond the outermost pixel centres; it reads the edge pixel itself
            int border = fill == CropFill.BLACK ? Core.BORDER_CONSTANT : Core.BORDER_REPLICATE;
            Imgproc.warpAffine(src, dst, transform, new Size(side, side), Imgproc.INTER_LINEAR, border, new Scalar(0, 0, 0));
            return new AlignedFace(Mats.toRgbImage(dst, -1), angle, geometry(m, full, side, image.width(), image.height()));
        } finally {
            src.release();
            dst.release();
            transform.release();
        }
    }

    /**
     * The largest whole side (at most {@code full}, at least 1) of a square about the crop's centre that lies inside
     * the image. With the inverse map x = L'(u, v) + t' (L' the inverse of the transform's linear part), the crop
     * centre maps to P and a corner of a square of side s to P + s * L'(+-1/2, +-1/2); inside means, per axis, s times
     * the larger |component| of L'(1/2, 1/2) and L'(1/2, -1/2) is at most the room between P and the nearer edge.
     */
    static int clippedSide(double[] m, int full, int width, int height) {
        double[] inv = inverse(m);
        double c = (full - 1) / 2.0;
        double px = inv[0] * c + inv[1] * c + inv[2];
        double py = inv[3] * c + inv[4] * c + inv[5];
        double hx = Math.max(Math.abs(inv[0] + inv[1]), Math.abs(inv[0] - inv[1])) / 2;
        double hy = Math.max(Math.abs(inv[3] + inv[4]), Math.abs(inv[3] - inv[4])) / 2;
        double roomX = Math.min(px + 0.5, width - 0.5 - px);
        double roomY = Math.min(py + 0.5, height - 0.5 - py);
        double s = Math.min(roomX / hx, roomY / hy);
        if (!(s >= 1)) return 1;
        return (int) Math.min(full, Math.floor(s + EPS));
    }

    /** The inverse of the 2x3 affine transform {a, b, tx, c, d, ty}: crop coordinates to image coordinates. */
    private static double[] inverse(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        double a = m[4] / det, b = -m[1] / det, c = -m[3] / det, d = m[0] / det;
        return new double[]{a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])};
    }

    private CropGeometry geometry(double[] m, int full, int side, int width, int height) {
        double[] inv = inverse(m);
        double lo = -0.5, hi = side - 0.5;
        double[][] crop = {{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}};
        List<CropGeometry.Point> corners = new ArrayList<>(4);
        for (double[] p : crop) {
            corners.add(new CropGeometry.Point(inv[0] * p[0] + inv[1] * p[1] + inv[2], inv[3] * p[0] + inv[4] * p[1] + inv[5]));
        }
        double all = Math.abs(area(corners));
        double inside = Math.abs(area(clipToRectangle(corners, -0.5, -0.5, width - 0.5, height - 0.5)));
        double outside = all <= 0 ? 0 : Math.max(0, 1 - inside / all);
        if (outside < 1e-9) outside = 0;
        return new CropGeometry(fill, corners, full, side, outside);
    }

    /** Shoelace area (signed) of a polygon. */
    private static double area(List<CropGeometry.Point> polygon) {
        double sum = 0;
        for (int i = 0; i < polygon.size(); i++) {
            CropGeometry.Point p = polygon.get(i), q = polygon.get((i + 1) % polygon.size());
            sum += p.x() * q.y() - q.x() * p.y();
        }
        return sum / 2;
    }

    /** Sutherland-Hodgman: the part of a convex polygon inside the rectangle [x0, x1] x [y0, y1]. */
    private static List<CropGeometry.Point> clipToRectangle(List<CropGeometry.Point> polygon, double x0, double y0,
                                                            double x1, double y1) {
        List<CropGeometry.Point> out = polygon;
        for (int edge = 0; edge < 4 && !out.isEmpty(); edge++) {
            List<CropGeometry.Point> in = out;
            out = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                CropGeometry.Point p = in.get(i), q = in.get((i + 1) % in.size());
                double dp = inside(p, edge, x0, y0, x1, y1), dq = inside(q, edge, x0, y0, x1, y1);
                if (dp >= 0) out.add(p);
                if ((dp >= 0) != (dq >= 0)) {
                    double t = dp / (dp - dq);
                    out.add(new CropGeometry.Point(p.x() + t * (q.x() - p.x()), p.y() + t * (q.y() - p.y())));
                }
            }
        }
        return out;
    }

    /** How far a point is on the inner side of one rectangle edge (negative: outside). */
    private static double inside(CropGeometry.Point p, int edge, double x0, double y0, double x1, double y1) {
        return switch (edge) {
            case 0 -> p.x() - x0;
            case 1 -> x1 - p.x();
            case 2 -> p.y() - y0;
            default -> y1 - p.y();
        };
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
