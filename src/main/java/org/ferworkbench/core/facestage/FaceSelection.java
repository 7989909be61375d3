package org.ferworkbench.core.facestage;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.facestage.FaceVerdict;

import java.util.Comparator;
import java.util.List;

/**
 * Which face of an image a split's policy keeps, or why the image is dropped: the one rule, used by the face stage
 * when it aligns and by the planner when it counts (so the plan and the export cannot disagree on it).
 */
public final class FaceSelection {
    /** MTCNN's P-Net looks at 12x12 windows: a smaller image cannot hold a face it finds. */
    static final int MIN_SIDE = 12;

    private FaceSelection() { }

    /**
     * @param all            every face found, in the detector's order
     * @param minProbability faces below it do not count
     */
    public static FaceVerdict select(int width, int height, List<FaceDetection> all, FacePolicy policy, double minProbability) {
        if (Math.min(width, height) < MIN_SIDE) {
            return none("image too small for face detection (" + width + "x" + height
                    + "; MTCNN needs at least 12x12)", policy);
        }
        List<FaceDetection> faces = all.stream().filter(f -> f.probability() >= minProbability).toList();
        int n = faces.size();
        if (n == 0) {
            return none(all.isEmpty() ? "no face" : "no face above probability " + minProbability, policy);
        }
        return switch (policy) {
            case ONLY_ONE -> n > 1 ? new FaceVerdict(faces.get(0), "several faces (" + n + ")", n) : new FaceVerdict(faces.get(0), null, n);
            case LARGEST, WHOLE_IMAGE_IF_NONE -> new FaceVerdict(faces.stream().max(Comparator.comparingDouble(FaceDetection::area)).orElseThrow(), null, n);
            case MOST_CONFIDENT -> new FaceVerdict(faces.stream().max(Comparator.comparingDouble(FaceDetection::probability)).orElseThrow(), null, n);
        };
    }

    private static FaceVerdict none(String why, FacePolicy policy) {
        return policy.keepsFaceless() ? FaceVerdict.wholeImage(why) : new FaceVerdict(null, why, 0);
    }
}
