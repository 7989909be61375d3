package org.ferworkbench.core.analysis;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facenet.FaceBox;
import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.facenet.FaceExpressions;
import org.ferworkbench.core.facenet.FaceInImage;
import org.ferworkbench.core.facenet.FaceNetModels;
import org.ferworkbench.core.facenet.FaceNets;
import org.ferworkbench.core.facenet.Landmarks68;
import org.ferworkbench.core.facestage.FaceSelection;
import org.ferworkbench.core.facestage.FaceVerdict;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.settings.FacePolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The analysis of the face each source image is known by: its largest detected face (above the minimum probability),
 * or the whole image when detection is off (pre-cropped sets such as CK+48). As face-api analyses a face: 68
 * landmarks on the box, then the recognition net on the box the landmarks give ({@link Landmarks68#descriptorBox()})
 * and the expression net on theirs ({@link Landmarks68#alignedBox()}).
 * Cached by content hash ({@link FaceAnalysisCache}); batched, on the given workers, one set of predictors per thread.
 */
public final class SourceAnalyzer implements AutoCloseable {
    /** One source to describe: its content hash, pixels, and faces (null: detection off, the whole image is the face). */
    public record Source(String sha256, RgbImage image, List<FaceDetection> faces) { }

    private final FaceNetModels models;
    private final FaceAnalysisCache cache;
    private final double minProbability;
    private final String key;
    private final ThreadLocal<FaceNets> nets;
    private final ConcurrentLinkedQueue<FaceNets> opened = new ConcurrentLinkedQueue<>();

    /**
     * @param faceSource how the faces were found, part of the cache key: the detector's cache key, or null when
     *                   detection is off
     */
    public SourceAnalyzer(FaceNetModels models, FaceAnalysisCache cache, String faceSource, double minProbability) {
        this.models = models;
        this.cache = cache;
        this.minProbability = minProbability;
        // "fixed batches": analyses made before every net ran in calls of a fixed size depended in their last bits on
        // the faces analysed with them; they are not mixed with these
        this.key = "face-api " + modelsHash(models) + " fixed batches | " + (faceSource == null ? "whole image"
                : "largest face of " + faceSource + " p>=" + minProbability);
        this.nets = ThreadLocal.withInitial(() -> {
            FaceNets n = new FaceNets(this.models);
            opened.add(n);
            return n;
        });
    }

    /** The cache key: which models analysed which face. */
    public String key() {
        return key;
    }

    /** The analysis of each source, in input order; null where it has no face. */
    public List<FaceAnalysis> analyse(List<Source> sources, Parallel workers, Cancellation cancellation) {
        FaceAnalysis[] out = new FaceAnalysis[sources.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            var cached = cache.get(sources.get(i).sha256(), key);
            if (cached.isPresent()) out[i] = cached.get().analysis();
            else missing.add(i);
        }
        if (missing.isEmpty()) return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
        // the faces of the missing sources, cut into chunks of whole recognition calls: only the last call is padded.
        // A face's numbers do not depend on its chunk (FaceNets' fixed batches), so neither on the cache's contents.
        List<FaceInImage> faces = new ArrayList<>(missing.size());
        List<Integer> faceSource = new ArrayList<>(missing.size());
        for (int i : missing) {
            FaceBox box = faceOf(sources.get(i));
            if (box == null) continue;
            faces.add(new FaceInImage(sources.get(i).image(), box));
            faceSource.add(i);
        }
        List<FaceInspection> inspected = workers.mapInChunks(faces, FaceNets.RECOGNITION_BATCH, this::inspect, cancellation);
        for (int f = 0; f < faces.size(); f++) out[faceSource.get(f)] = inspected.get(f).analysis();
        Map<String, FaceAnalysisCache.Entry> fresh = new LinkedHashMap<>();
        for (int i : missing) {
            fresh.put(sources.get(i).sha256(), out[i] == null ? FaceAnalysisCache.Entry.NO_FACE : new FaceAnalysisCache.Entry(out[i]));
        }
        cache.putAll(key, fresh);
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
    }

    /** What was cached for a source: its analysis, or {@link FaceAnalysisCache.Entry#NO_FACE}; empty when never analysed. */
    public java.util.Optional<FaceAnalysisCache.Entry> cached(String sha256) {
        return cache.get(sha256, key);
    }

    /**
     * The face a source is known by, up close, for the inspector: the same face and the same numbers as
     * {@link #analyse}, with the 68 landmarks they came from (not cached). Null when the source has no such face.
     *
     * @param faces the faces found in the image, or null: detection off, the whole image is the face
     */
    public FaceInspection inspect(RgbImage image, List<FaceDetection> faces) {
        FaceBox box = faceOf(new Source("", image, faces));
        return box == null ? null : inspect(List.of(new FaceInImage(image, box))).get(0);
    }

    /** The one way a face is analysed: landmarks on its box, then descriptor and expressions on the boxes they give. */
    private List<FaceInspection> inspect(List<FaceInImage> faces) {
        FaceNets n = nets.get();
        List<Landmarks68> landmarks = n.landmarks(faces);
        List<FaceInImage> forDescriptor = new ArrayList<>(faces.size());
        List<FaceInImage> forExpression = new ArrayList<>(faces.size());
        for (int f = 0; f < faces.size(); f++) {
            forDescriptor.add(new FaceInImage(faces.get(f).image(), landmarks.get(f).descriptorBox()));
            forExpression.add(new FaceInImage(faces.get(f).image(), landmarks.get(f).alignedBox()));
        }
        List<FaceDescriptor> descriptors = n.descriptors(forDescriptor);
        List<FaceExpressions> expressions = n.expressions(forExpression);
        List<FaceInspection> out = new ArrayList<>(faces.size());
        for (int f = 0; f < faces.size(); f++) {
            out.add(new FaceInspection(landmarks.get(f), new FaceAnalysis(descriptors.get(f), expressions.get(f))));
        }
        return out;
    }

    /** The largest face above the minimum probability, the whole image when detection is off, or null. */
    private FaceBox faceOf(Source s) {
        if (s.faces() == null) return new FaceBox(0, 0, s.image().width(), s.image().height());
        FaceVerdict v = FaceSelection.select(s.image().width(), s.image().height(), s.faces(), FacePolicy.LARGEST, minProbability);
        return v.accepted() ? FaceBox.of(v.chosen()) : null;
    }

    /** The first 12 hex digits of the SHA-256 of the three nets: a new model is a new cache. */
    private static String modelsHash(FaceNetModels models) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : List.of("face_landmark_68.pt", "face_recognition.pt", "face_expression.pt")) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(models.directory().resolve(file)), sha)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the face models in " + models.directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (FaceNets n; (n = opened.poll()) != null; ) n.close();
    }
}
