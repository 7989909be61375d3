package org.ferworkbench.core.facenet;

import java.util.List;
import java.util.Objects;

/**
 * The 68 facial landmarks of one face (the iBUG 300-W / dlib scheme face-api uses), in image pixels, with the crop
 * the landmark net looked at.
 *
 * <p>Indices: 0-16 jaw, 17-21 and 22-26 the eyebrows, 27-35 nose, 36-41 and 42-47 the eyes, 48-67 mouth. "Left" is
 * face-api's name: the eye on the image's left (the person's right eye).
 *
 * <p>Points are the crop-relative positions face-api computes, plus the crop's top-left corner. face-api itself
 * adds the unrounded, unclipped box corner instead ({@code shiftBy(box.x, box.y)}), which puts its points up to a
 * pixel off (more when the box reaches past the image's left or top edge, as MTCNN boxes may); this class uses the
 * corner of the pixels the net actually saw.
 *
 * @param points the 68 points, in order
 * @param crop   the image region the net saw
 */
public record Landmarks68(List<Point> points, CropRegion crop) {

    /** Where face-api's alignment puts the face in its box (FaceLandmarks.ts). */
    private static final double REL_X = 0.5, REL_Y = 0.43, REL_SCALE = 0.45;

    public record Point(double x, double y) { }

    public Landmarks68 {
        points = List.copyOf(points);
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

    public List<Point> mouth() { return points.subList(48, 68); }

    /**
     * The box face-api gives the expression (and age/gender) nets once landmarks are known ({@code alignedRect}):
     * the points' bounding box grown by 20% of its width and height, centred.
     */
    public FaceBox alignedBox() {
        // ops/minBbox.ts starts the maxima at 0, not at -infinity: kept, it only matters for points left of or above
        // the image
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = 0, maxY = 0;
        for (Point p : points) {
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
     * The box face-api gives the recognition net ({@code align(null, {useDlibAlignment: true})}): a square of side
     * (mean distance of the eye centres to the mouth centre) / 0.45, placed so the mean of the eye and mouth centres
     * falls at 50% across and 43% down, in whole pixels, not left of or above the image.
     */
    public FaceBox descriptorBox() {
        Point leftEye = centre(leftEye()), rightEye = centre(rightEye()), mouth = centre(mouth());
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
