package org.ferworkbench.core.facestage;

import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * MTCNN over a block of images, as the face stage of prepare and the detect command use it: detections of
 * unmodified sources are reused from the {@link DetectionCache} (and new ones stored there), the rest are detected
 * in shards of up to {@value #SHARD} images that the workers detect in parallel, each with a detector of its own
 * (created on demand and reused).
 *
 * <p>An image's faces do not depend on the images it is detected with ({@link MtcnnDetector} runs R-Net and O-Net
 * at a fixed batch size), so a source's cached faces are the same whichever block, shard, run or node detected it, and
 * the results are the same with 1 or 8 workers.
 */
public final class BlockDetector implements AutoCloseable {
    /**
     * Larger images are detected on a copy shrunk to this longest side (boxes and landmarks scaled back), so a
     * 12000x9000 photo costs seconds and a few hundred MB instead of gigabytes of pyramid; faces smaller than
     * about min-face x scale are then missed, which at this size means under ~1% of the image.
     */
    static final int MAX_DETECTION_SIDE = 2048;

    /** Images per detector call: enough to fill P-Net's and R-Net's batches, small enough to share a block out. */
    static final int SHARD = 32;

    private static final ImageResizer SHRINK = new ImageResizer();

    private final MtcnnParameters parameters;
    private final Supplier<MtcnnDetector> detectorFactory;
    private final DetectionCache cache;
    private final Deque<MtcnnDetector> idle = new ConcurrentLinkedDeque<>();
    private final List<MtcnnDetector> created = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param detectorFactory makes a detector with {@code parameters} (called once per concurrently working thread)
     */
    public BlockDetector(MtcnnParameters parameters, Supplier<MtcnnDetector> detectorFactory, DetectionCache cache) {
        this.parameters = parameters;
        this.detectorFactory = detectorFactory;
        this.cache = cache;
    }

    public MtcnnParameters parameters() {
        return parameters;
    }

    /**
     * Images per detector call for a call of n images on the given number of workers: {@value #SHARD}, or fewer so that
     * even a small call (the copies of a block that lost their face and are tried again) gives every worker a shard.
     * No more shards than workers: each shard pads its last R-Net and O-Net calls to their fixed size, so four shards on
     * two cores wasted more than they balanced (render stage on fer128-3k 3.6-3.7 s against 3.9-4.4 s, interleaved).
     * The faces do not depend on the shards, so neither do the results on the number of workers.
     */
    static int shardSize(int n, int workers) {
        int w = Math.max(1, workers);
        return Math.max(1, Math.min(SHARD, (n + w - 1) / w));
    }

    /**
     * Detections per request (result i belongs to request i): cached ones reused, the rest detected in shards on
     * the given workers (and cached when a source).
     */
    public List<List<FaceDetection>> detect(List<FaceRequest> requests, Parallel workers) {
        return detect(requests, workers, new Cancellation());
    }

    /** {@link #detect(List, Parallel)}, stopping between shards once cancelled (a shard takes well under a second). */
    public List<List<FaceDetection>> detect(List<FaceRequest> requests, Parallel workers, Cancellation cancellation) {
        List<List<FaceDetection>> found = new ArrayList<>(requests.size());
        List<Integer> missing = new ArrayList<>();
        List<RgbImage> toDetect = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            FaceRequest r = requests.get(i);
            List<FaceDetection> cached = r.sourceSha256() == null ? null
                    : cache.get(r.sourceSha256(), parameters).orElse(null);
            found.add(cached);
            if (cached == null) {
                missing.add(i);
                toDetect.add(r.image());
            }
        }
        if (toDetect.isEmpty()) return found;
        List<List<FaceDetection>> detected = workers.mapInChunks(toDetect, shardSize(toDetect.size(), workers.threads()), this::detectBounded,
                cancellation);
        Map<String, List<FaceDetection>> sources = new LinkedHashMap<>();
        for (int k = 0; k < missing.size(); k++) {
            int i = missing.get(k);
            found.set(i, detected.get(k));
            String sha = requests.get(i).sourceSha256();
            if (sha != null) sources.putIfAbsent(sha, detected.get(k));
        }
        cache.putAll(parameters, sources);
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
        List<List<FaceDetection>> found = withDetector(d -> d.detectBatch(inputs));
        List<List<FaceDetection>> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            double k = 1 / scales[i];
            out.add(scales[i] == 1 ? found.get(i) : found.get(i).stream().map(f -> scale(f, k)).toList());
        }
        return out;
    }

    /** Runs the call with an idle detector (a new one when all are busy), then gives it back. */
    private <T> T withDetector(Function<MtcnnDetector, T> call) {
        MtcnnDetector d = idle.pollFirst();
        if (d == null) {
            d = detectorFactory.get();
            created.add(d);
        }
        try {
            return call.apply(d);
        } finally {
            idle.addFirst(d);
        }
    }

    private static FaceDetection scale(FaceDetection f, double k) {
        return new FaceDetection(f.x1() * k, f.y1() * k, f.x2() * k, f.y2() * k, f.probability(),
                f.landmarks().stream().map(l -> new FaceDetection.Landmark(l.x() * k, l.y() * k)).toList());
    }

    /** Releases every detector made (their native predictors and memory). */
    @Override
    public void close() {
        synchronized (created) {
            for (MtcnnDetector d : created) d.close();
            created.clear();
        }
        idle.clear();
    }
}
