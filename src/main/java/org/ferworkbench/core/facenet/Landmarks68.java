package org.ferworkbench.core.facenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 68 facial landmarks of one face (the iBUG 300-W / dlib scheme face-api uses), in image pixels, with the box
 * they were found for and the crop the landmark net looked at.
 *
 * <p>Indices: 0-16 jaw, 17-21 and 22-26 the eyebrows, 27-35 nose, 36-41 and 42-47 the eyes, 48-67 mouth. "Left" is
 * face-api's name: the eye on the image's left (the person's right eye).
 *
 * <p>{@link #points()} are the crop-relative positions face-api computes, plus the crop's top-left corner: where the
 * points are in the image. face-api itself adds the unrounded, unclipped box corner instead
 * ({@code extendWithFaceLandmarks}: {@code shiftBy(box.x, box.y)}), which puts its points {@code box.x - crop.x}
 * to the right and {@code box.y - crop.y} down: up to a pixel off, and as far off as the box reaches past the
 * image's left or top edge (MTCNN boxes of tightly cropped faces do: -50 px on amy1.png of the test photos).
 * {@link #faceApiPoints()} are face-api's numbers; {@link #alignedBox()} and {@link #descriptorBox()} are computed
 * from them, so they are the boxes face-api gives its expression and recognition nets, and the expressions and
 * descriptors computed on them are face-api's (models/README.md, "face-api nets", has the measured differences).
 *
 * @param points the 68 points in image pixels, in order
 * @param box    the face box the landmarks were found for
 * @param crop   the image region the net saw ({@link CropRegion#of} of {@code box})
 */
public record Landmarks68(List<Point> points, FaceBox box, CropRegion crop) {

    /** Where face-api's alignment puts the face in its box (FaceLandmarks.ts). */
    private static final double REL_X = 0.5, REL_Y = 0.43, REL_SCALE = 0.45;

    public record Point(double x, double y) { }

    public Landmarks68 {
        points = List.copyOf(points);
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(crop, "crop");
        if (points.size() != 68) throw new IllegalArgumentException("expected 68 points, got " + points.size());
    }

    public Point get(int i) {
        return points.get(i);
    }

    public List<Point> jawOutline() { return points.subList(0, 17); }

    public List<Point> leftEyeBrow() { return points.subList(17, 22); }

    public List<Point> rightEyeBrow() { return points.subList(22, 27); }

    public List<Point> nose() { return points.subList(27, 36); }

    public List<Point> leftEye() { return points.subList(36, 42); }

    public List<Point> rightEye() { return points.subList(42, 48); }

    /** The study's eye: the mean of the six points of the eye on the image's left (where the net saw them). */
    public Point leftEyeCentre() { return centre(leftEye()); }

    /** The mean of the six points of the eye on the image's right. */
    public Point rightEyeCentre() { return centre(rightEye()); }

    public List<Point> mouth() { return points.subList(48, 68); }

    /**
     * The points as face-api returns them ({@code result.landmarks.positions}): shifted by the face box's corner
     * rather than the crop's (see the class comment).
     */
    public List<Point> faceApiPoints() {
        double dx = box.x() - crop.x(), dy = box.y() - crop.y();
        if (dx == 0 && dy == 0) return points;
        List<Point> shifted = new ArrayList<>(points.size());
        for (Point p : points) shifted.add(new Point(p.x() + dx, p.y() + dy));
        return List.copyOf(shifted);
    }

    /**
     * The box face-api gives the expression (and age/gender) nets once landmarks are known ({@code alignedRect}):
     * the bounding box of {@link #faceApiPoints()} grown by 20% of its width and height, centred.
     */
    public FaceBox alignedBox() {
        // ops/minBbox.ts starts the maxima at 0, not at -infinity: kept, it only matters for points left of or above
        // the image
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = 0, maxY = 0;
        for (Point p : faceApiPoints()) {
            if (p.x() < minX) minX = p.x();
            if (p.y() < minY) minY = p.y();
            if (maxX < p.x()) maxX = p.x();
            if (maxY < p.y()) maxY = p.y();
        }
        double w = maxX - minX, h = maxY - minY;
        double padX = w * 0.2, padY = h * 0.2;
        return new FaceBox(minX - padX / 2, minY - padY / 2, w + padX, h + padY);
    }

    /**
     * The box face-api gives the recognition net ({@code align(null, {useDlibAlignment: true})}), from
     * {@link #faceApiPoints()}: a square of side (mean distance of the eye centres to the mouth centre) / 0.45,
     * placed so the mean of the eye and mouth centres falls at 50% across and 43% down, in whole pixels, not left of
     * or above the image.
     */
    public FaceBox descriptorBox() {
        List<Point> pts = faceApiPoints();
        Point leftEye = centre(pts.subList(36, 42)), rightEye = centre(pts.subList(42, 48));
        Point mouth = centre(pts.subList(48, 68));
        double toMouth = (distance(mouth, leftEye) + distance(mouth, rightEye)) / 2;
        double size = Math.floor(toMouth / REL_SCALE);
        Point ref = centre(List.of(leftEye, rightEye, mouth));
        double x = Math.floor(Math.max(0, ref.x() - REL_X * size));
        double y = Math.floor(Math.max(0, ref.y() - REL_Y * size));
        // face-api caps the size by "image width + x", where its image is the landmark crop
        return new FaceBox(x, y, Math.min(size, crop.width() + x), Math.min(size, crop.height() + y));
    }

    /** As face-api's Point.magnitude of the difference (not Math.hypot, which may round differently). */
    private static double distance(Point a, Point b) {
        double dx = a.x() - b.x(), dy = a.y() - b.y();
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Mean of the points, summed in order like face-api's getCenterPoint. */
    private static Point centre(List<Point> pts) {
        double sx = 0, sy = 0;
        for (Point p : pts) {
            sx += p.x();
            sy += p.y();
        }
        return new Point(sx / pts.size(), sy / pts.size());
    }
}
