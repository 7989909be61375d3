package org.ferworkbench.core.facestage;

import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.align.AlignedFace;
import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.facenet.FaceNets;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The face stage with MTCNN: detects faces in a whole block at once with a {@link BlockDetector} (shards of the block
 * detected in parallel on the pipeline's workers, detections of unmodified sources cached by content), ignores
 * faces under the minimum probability, applies the split's policy, and aligns the chosen face.
 */
public final class MtcnnFaceStage implements FaceStage {
    private final BlockDetector detector;
    private final FaceAligner aligner;
    private final FaceOptions options;
    /** The 68-point eyes when the alignment asks for them, else null (the detector's own eye points). */
    private final Landmark68Eyes eyes;

    /**
     * @param detectorFactory makes a detector with {@code parameters} (called once per concurrently working thread)
     */
    public MtcnnFaceStage(MtcnnParameters parameters, Supplier<MtcnnDetector> detectorFactory, FaceAligner aligner,
                          DetectionCache cache, FaceOptions options) {
        this(parameters, detectorFactory, aligner, cache, options, null);
    }

    /** @param eyes the study's six-point eyes, for {@code AlignmentMethod.EYES68} (closed with the stage) */
    public MtcnnFaceStage(MtcnnParameters parameters, Supplier<MtcnnDetector> detectorFactory, FaceAligner aligner,
                          DetectionCache cache, FaceOptions options, Landmark68Eyes eyes) {
        if (options.alignment().needsLandmarks68() && eyes == null) {
            throw new IllegalArgumentException("alignment eyes68 needs the 68-point landmark net");
        }
        this.detector = new BlockDetector(parameters, detectorFactory, cache);
        this.aligner = aligner;
        this.options = options;
        this.eyes = eyes;
    }

    @Override
    public List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split, Parallel workers) {
        List<List<FaceDetection>> found = detect(requests, workers);
        FacePolicy policy = options.policy(split);
        List<Integer> indices = java.util.stream.IntStream.range(0, requests.size()).boxed().toList();
        List<FaceVerdict> verdicts = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) verdicts.add(select(requests.get(i).image(), found.get(i), policy));
        FaceDetection[] eyesOf = refineEyes(requests, verdicts, workers);
        return workers.map(indices, i -> outcome(requests.get(i).image(), verdicts.get(i), eyesOf[i]), new Cancellation(), null);
    }

    /**
     * The 68-point eyes of every face to align, in chunks of the net's fixed batch spread over the workers (a call
     * costs the same however few of its faces are real); null entries where there is nothing to align or no 68-point
     * alignment.
     */
    private FaceDetection[] refineEyes(List<FaceRequest> requests, List<FaceVerdict> verdicts, Parallel workers) {
        FaceDetection[] refined = new FaceDetection[requests.size()];
        if (eyes == null) return refined;
        List<Integer> toAlign = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).accepted() && !verdicts.get(i).wholeImage()) toAlign.add(i);
        }
        List<FaceDetection> done = workers.mapInChunks(toAlign, FaceNets.LANDMARK_BATCH, chunk -> eyes.refine(
                chunk.stream().map(i -> requests.get(i).image()).toList(),
                chunk.stream().map(i -> verdicts.get(i).chosen()).toList()), new Cancellation());
        for (int k = 0; k < toAlign.size(); k++) refined[toAlign.get(k)] = done.get(k);
        return refined;
    }

    @Override
    public List<FaceVerdict> screen(List<FaceRequest> requests, SplitName split, Parallel workers) {
        List<List<FaceDetection>> found = detect(requests, workers);
        FacePolicy policy = options.policy(split);
        List<FaceVerdict> verdicts = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) verdicts.add(select(requests.get(i).image(), found.get(i), policy));
        return verdicts;
    }

    @Override
    public List<List<FaceDetection>> detectAll(List<FaceRequest> requests, Parallel workers) {
        return detect(requests, workers);
    }

    /** Detections per request on the calling thread (see {@link #detect(List, Parallel)}). */
    public List<List<FaceDetection>> detect(List<FaceRequest> requests) {
        return detect(requests, Parallel.inline());
    }

    /** Detections per request: see {@link BlockDetector#detect(List, Parallel)}. */
    public List<List<FaceDetection>> detect(List<FaceRequest> requests, Parallel workers) {
        return detector.detect(requests, workers);
    }

    FaceOutcome choose(RgbImage image, List<FaceDetection> all, FacePolicy policy) {
        FaceVerdict verdict = select(image, all, policy);
        boolean aligns = verdict.accepted() && !verdict.wholeImage() && eyes != null;
        return outcome(image, verdict, aligns ? eyes.refine(image, verdict.chosen()) : null);
    }

    /** @param refined the chosen face with its 68-point eyes, or null to align on the detector's own eye points */
    private FaceOutcome outcome(RgbImage image, FaceVerdict verdict, FaceDetection refined) {
        if (!verdict.accepted()) return FaceOutcome.rejected(verdict.reason(), verdict.faceCount(), verdict.chosen());
        if (verdict.wholeImage()) return FaceOutcome.wholeImage(image, verdict);
        FaceDetection chosen = refined != null ? refined : verdict.chosen();
        AlignedFace aligned = aligner.align(image, chosen);
        return new FaceOutcome(aligned.image(), null, verdict.faceCount(), verdict.chosen(), aligned.rotationDegrees(),
                aligned.crop());
    }

    /** The policy's choice among the faces found (those under the minimum probability ignored), or why none. */
    FaceVerdict select(RgbImage image, List<FaceDetection> all, FacePolicy policy) {
        return org.ferworkbench.core.facestage.FaceSelection.select(image.width(), image.height(), all, policy, options.minProbability());
    }

    @Override
    public String describe() {
        var p = detector.parameters();
        return String.format(Locale.ROOT, "MTCNN (min face %d, thresholds %s/%s/%s, factor %s), train %s, test %s, %s, %s alignment, "
                        + "crop fill %s",
                p.minFaceSize(), p.pnetThreshold(), p.rnetThreshold(), p.onetThreshold(), p.scaleFactor(),
                options.trainPolicy(), options.testPolicy(), options.order(), options.alignment(), aligner.fill()).toLowerCase(Locale.ROOT)
                .replace("mtcnn", "MTCNN");
    }

    @Override
    public void close() {
        detector.close();
        if (eyes != null) eyes.close();
    }
}
