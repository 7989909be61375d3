package org.ferworkbench.core.face;

import java.util.List;

/**
 * One face found by MTCNN. Box corners (x1, y1, x2, y2) in image pixels, not clipped to the image (may be
 * negative, as in the reference). Landmarks in the reference order: eye on the image's left, eye on the
 * image's right, nose, mouth left, mouth right.
 */
public record FaceDetection(double x1, double y1, double x2, double y2, double probability, List<Landmark> landmarks) {

    public record Landmark(double x, double y) { }

    public FaceDetection {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != 5) {
            throw new IllegalArgumentException("MTCNN gives 5 landmarks, got " + landmarks.size());
        }
    }

    public double area() {
        return (x2 - x1) * (y2 - y1);
    }

    public Landmark leftEye() { return landmarks.get(0); }

    public Landmark rightEye() { return landmarks.get(1); }

    /** The same detection with its eye points moved (e.g. to the six-point means of a 68-point landmark net). */
    public FaceDetection withEyes(Landmark left, Landmark right) {
        List<Landmark> moved = new java.util.ArrayList<>(landmarks);
        moved.set(0, left);
        moved.set(1, right);
        return new FaceDetection(x1, y1, x2, y2, probability, moved);
    }
}
