package org.ferworkbench.ui.face;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.facestage.MtcnnFaceStage;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The pipeline's own face stage (MTCNN + alignment from core), so the inspector shows exactly the crop the export
 * writes, and detections found here land in the same detection cache the export reads. The models are loaded once
 * in the background (the first start may unpack libtorch, which takes a while). Two stages are kept: one for the
 * background checks (large batches) and one for the inspector, so a preview never waits for a batch.
 */
public final class MtcnnFacePreviewService implements FacePreviewService {
    private static final Logger LOG = LoggerFactory.getLogger(MtcnnFacePreviewService.class);

    /** Starts the engine and loads the models once (e.g. EngineWarmup.warmUp), reporting progress, before any stage. */
    @FunctionalInterface
    public interface Warmup {
        void load(ProgressListener progress) throws Exception;
    }

    private final Warmup warmup;
    private final Function<PrepareConfig, FaceStage> faceStages;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Function<PrepareConfig, SourceAnalyzer> analyzers;
    /** One analyser per face source, kept for the session (each holds its per-thread predictors). */
    private final java.util.Map<String, SourceAnalyzer> analyzerByKey = new java.util.HashMap<>();
    private boolean analyzersMissing;
    private final StageSlot batch = new StageSlot();
    private final StageSlot interactive = new StageSlot();
    /** The background check's workers while the user is idle: one per core, daemon threads. */
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final java.util.concurrent.ExecutorService checkWorkers =
            org.ferworkbench.core.parallel.Parallel.daemonPool("face-check", cores);
    private volatile State state = State.LOADING;
    private volatile String message = "Loading the face detector…";
    private boolean started;

    /** One face stage, rebuilt when the face settings change; used by one thread at a time. */
    private final class StageSlot {
        private PrepareConfig config;
        private MtcnnFaceStage stage;

        MtcnnFaceStage get(PrepareConfig wanted) {
            PrepareConfig key = wanted.withDetectFaces(true);
            if (stage == null || !sameFaceSettings(key, config)) {
                if (stage != null) stage.close();
                FaceStage s = faceStages.apply(key);
                if (!(s instanceof MtcnnFaceStage m)) {
                    s.close();
                    throw new IllegalStateException("the pipeline has no MTCNN face stage");
                }
                stage = m;
                config = key;
            }
            return stage;
        }

        void close() {
            if (stage != null) stage.close();
            stage = null;
        }
    }

    /** The face stage depends on the face settings only (the crop fill among them; the augmentation's border not). */
    private static boolean sameFaceSettings(PrepareConfig a, PrepareConfig b) {
        return b != null && a.face().equals(b.face());
    }

    /** @param faceStages the pipeline's face stage for a configuration (e.g. FaceStages.standard(cache)) */
    public MtcnnFacePreviewService(Warmup warmup, Function<PrepareConfig, FaceStage> faceStages) {
        this(warmup, faceStages, null);
    }

    /** @param analyzers the pipeline's face analyser for a configuration (AnalysisStages.standard(cache)); null: none */
    public MtcnnFacePreviewService(Warmup warmup, Function<PrepareConfig, FaceStage> faceStages,
                                   Function<PrepareConfig, SourceAnalyzer> analyzers) {
        this.warmup = warmup;
        this.faceStages = faceStages;
        this.analyzers = analyzers;
    }

    @Override
    public SourceAnalyzer analyzer(PrepareConfig config) {
        if (analyzers == null || state != State.READY) return null;
        String key = config.detectFaces() ? config.face().detector().cacheKey() + " p>=" + config.face().minProbability() : "whole image";
        synchronized (analyzerByKey) {
            if (analyzersMissing) return null;
            SourceAnalyzer a = analyzerByKey.get(key);
            if (a == null) {
                try {
                    a = analyzers.apply(config);
                } catch (RuntimeException e) {
                    LOG.warn("face analysis not available", e);
                    analyzersMissing = true;
                    return null;
                }
                analyzerByKey.put(key, a);
            }
            return a;
        }
    }

    @Override
    public synchronized void start() {
        if (started) return;
        started = true;
        Thread t = new Thread(this::load, "face-detector-loader");
        t.setDaemon(true);
        t.start();
    }

    private void load() {
        try {
            warmup.load(e -> {
                String what = e.total() > 1 && e.fraction() >= 0
                        ? String.format(java.util.Locale.ROOT, "%s %.0f%%", e.stage(), 100 * e.fraction()) : e.stage();
                setState(State.LOADING, what + "…");
            });
            synchronized (interactive) {
                interactive.get(PrepareConfig.DEFAULTS);
            }
            setState(State.READY, "Face detector ready (MTCNN)");
        } catch (Throwable e) {
            LOG.warn("face detection not available", e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            setState(State.UNAVAILABLE, "Face detection not available: " + why);
        }
    }

    private void setState(State s, String m) {
        message = m;
        state = s;
        listeners.forEach(Runnable::run);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String stateMessage() {
        return message;
    }

    @Override
    public void addStateListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public String detectorKey(PrepareConfig config) {
        return state == State.READY ? config.face().detector().cacheKey() : null;
    }

    @Override
    public List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config) {
        return detect(images, config, false);
    }

    @Override
    public List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config, boolean allCores) {
        requireReady();
        synchronized (batch) {
            // the batch stage's detector gives each worker a detector of its own; the faces do not depend on how
            // the images are shared out (MtcnnDetector's batches are exact)
            return batch.get(config).detect(images, allCores && cores > 1
                    ? new org.ferworkbench.core.parallel.Parallel(checkWorkers, cores)
                    : org.ferworkbench.core.parallel.Parallel.inline());
        }
    }

    @Override
    public FacePreview preview(FaceRequest image, PrepareConfig config, SplitName split) {
        requireReady();
        synchronized (interactive) {
            MtcnnFaceStage stage = interactive.get(config);
            List<FaceDetection> faces = stage.detect(List.of(image)).get(0);
            // with the source hash set, locate() finds the detections just made in the cache: no second detection
            FaceOutcome outcome = stage.locate(List.of(image), split).get(0);
            return new FacePreview(faces, outcome.detection(), outcome.face(), outcome.alignmentDegrees(), true,
                    outcome.accepted() ? null : outcome.reason(), outcome.crop());
        }
    }

    private void requireReady() {
        if (state != State.READY) throw new IllegalStateException(message);
    }

    @Override
    public void close() {
        synchronized (batch) {
            batch.close();
        }
        checkWorkers.shutdownNow();
        synchronized (interactive) {
            interactive.close();
        }
        synchronized (analyzerByKey) {
            analyzerByKey.values().forEach(SourceAnalyzer::close);
            analyzerByKey.clear();
        }
        setState(State.UNAVAILABLE, "Face detector closed");
    }
}
