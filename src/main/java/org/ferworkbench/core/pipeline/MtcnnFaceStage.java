package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.align.AlignedFace;
import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.image.RgbImage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The face stage with MTCNN: detects faces in a whole block at once (cached by content for unmodified sources),
 * ignores faces under the minimum probability, applies the split's policy, and aligns the chosen face.
 */
public final class MtcnnFaceStage implements FaceStage {
    /**
     * Larger images are detected on a copy shrunk to this longest side (boxes and landmarks scaled back), so a
     * 12000x9000 photo costs seconds and a few hundred MB instead of gigabytes of pyramid; faces smaller than
     * about min-face x scale are then missed, which at this size means under ~1% of the image.
     */
    static final int MAX_DETECTION_SIDE = 2048;

    private final MtcnnDetector detector;
    private final FaceAligner aligner;
    private final DetectionCache cache;
    private final FaceOptions options;

    public MtcnnFaceStage(MtcnnDetector detector, FaceAligner aligner, DetectionCache cache, FaceOptions options) {
        this.detector = detector;
        this.aligner = aligner;
        this.cache = cache;
        this.options = options;
    }

    @Override
    public List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split) {
        List<List<FaceDetection>> found = detect(requests);
        List<FaceOutcome> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            out.add(choose(requests.get(i).image(), found.get(i), options.policy(split)));
        }
        return out;
    }

    /** Detections per request: cached ones reused, the rest detected in one batch (and cached when a source). */
    public List<List<FaceDetection>> detect(List<FaceRequest> requests) {
        List<List<FaceDetection>> found = new ArrayList<>(requests.size());
        List<Integer> missing = new ArrayList<>();
        List<RgbImage> toDetect = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            FaceRequest r = requests.get(i);
            List<FaceDetection> cached = r.sourceSha256() == null ? null
                    : cache.get(r.sourceSha256(), detector.parameters()).orElse(null);
            found.add(cached);
            if (cached == null) {
                missing.add(i);
                toDetect.add(r.image());
            }
        }
        if (!toDetect.isEmpty()) {
            List<List<FaceDetection>> detected = detectBounded(toDetect);
            for (int k = 0; k < missing.size(); k++) {
                int i = missing.get(k);
                found.set(i, detected.get(k));
                String sha = requests.get(i).sourceSha256();
                if (sha != null) cache.put(sha, detector.parameters(), detected.get(k));
            }
        }
        return found;
    }

    private List<List<FaceDetection>> detectBounded(List<RgbImage> images) {
        List<RgbImage> inputs = new ArrayList<>(images.size());
        double[] scales = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            RgbImage img = images.get(i);
            int side = Math.max(img.width(), img.height());
            if (side > MAX_DETECTION_SIDE) {
                scales[i] = (double) MAX_DETECTION_SIDE / side;
                inputs.add(SHRINK.resize(img, Math.max(1, (int) Math.round(img.width() * scales[i])),
                        Math.max(1, (int) Math.round(img.height() * scales[i]))));
            } else {
                scales[i] = 1;
                inputs.add(img);
            }
        }
        List<List<FaceDetection>> found = detector.detectBatch(inputs);
        List<List<FaceDetection>> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            double k = 1 / scales[i];
            out.add(scales[i] == 1 ? found.get(i) : found.get(i).stream().map(f -> scale(f, k)).toList());
        }
        return out;
    }

    private static final org.ferworkbench.core.image.ImageResizer SHRINK = new org.ferworkbench.core.image.ImageResizer();

    private static FaceDetection scale(FaceDetection f, double k) {
        return new FaceDetection(f.x1() * k, f.y1() * k, f.x2() * k, f.y2() * k, f.probability(),
                f.landmarks().stream().map(l -> new FaceDetection.Landmark(l.x() * k, l.y() * k)).toList());
    }

    FaceOutcome choose(RgbImage image, List<FaceDetection> all, FacePolicy policy) {
        if (Math.min(image.width(), image.height()) < 12) {
            return FaceOutcome.rejected("image too small for face detection (" + image.width() + "x" + image.height()
                    + "; MTCNN needs at least 12x12)", 0, null);
        }
        List<FaceDetection> faces = all.stream().filter(f -> f.probability() >= options.minProbability()).toList();
        int n = faces.size();
        if (n == 0) {
            return FaceOutcome.rejected(all.isEmpty() ? "no face" : "no face above probability " + options.minProbability(), 0, null);
        }
        FaceDetection chosen;
        switch (policy) {
            case ONLY_ONE -> {
                if (n > 1) return FaceOutcome.rejected("several faces (" + n + ")", n, faces.get(0));
                chosen = faces.get(0);
            }
            case LARGEST -> chosen = faces.stream().max(Comparator.comparingDouble(FaceDetection::area)).orElseThrow();
            case MOST_CONFIDENT -> chosen = faces.stream().max(Comparator.comparingDouble(FaceDetection::probability)).orElseThrow();
            default -> throw new IllegalStateException("unknown policy " + policy);
        }
        AlignedFace aligned = aligner.align(image, chosen);
        return new FaceOutcome(aligned.image(), null, n, chosen, aligned.rotationDegrees());
    }

    @Override
    public String describe() {
        var p = detector.parameters();
        return String.format(Locale.ROOT, "MTCNN (min face %d, thresholds %s/%s/%s, factor %s), train %s, test %s, %s, %s alignment",
                p.minFaceSize(), p.pnetThreshold(), p.rnetThreshold(), p.onetThreshold(), p.scaleFactor(),
                options.trainPolicy(), options.testPolicy(), options.order(), options.alignment()).toLowerCase(Locale.ROOT)
                .replace("mtcnn", "MTCNN");
    }

    @Override
    public void close() {
        detector.close();
    }
}
