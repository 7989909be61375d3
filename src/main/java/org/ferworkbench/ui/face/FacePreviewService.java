package org.ferworkbench.ui.face;

import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;

import java.util.List;

/**
 * Face detection and alignment for the workbench: finds faces in batches for the background checks and previews
 * one image for the inspector, with the settings the export will use. The detector may take a while to load (or
 * be missing); callers look at {@link #state()} and degrade gracefully. Blocking methods are called off the UI
 * thread only. Thread-safe.
 */
public interface FacePreviewService {
    enum State { LOADING, READY, UNAVAILABLE }

    State state();

    /** A line for the status bar, e.g. "Face detector ready" or "Face detection not available: ...". */
    String stateMessage();

    /** Called (on any thread) when the state changes. */
    void addStateListener(Runnable listener);

    /** Identifies detector and parameters of a configuration (checks made under another key are redone). */
    String detectorKey(PrepareConfig config);

    /** Faces in each image (same order); READY only. */
    List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config) throws Exception;

    /**
     * As {@link #detect(List, PrepareConfig)}, on every core when {@code allCores} (the user is idle), else on the
     * calling thread alone. The faces are the same either way.
     */
    default List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config, boolean allCores)
            throws Exception {
        return detect(images, config);
    }

    /** Faces of one image and the crop the export would make of it on the given side of the split; READY only. */
    FacePreview preview(FaceRequest image, PrepareConfig config, SplitName split) throws Exception;

    /**
     * The face-api analyser (landmarks, descriptor, expressions) for the configuration's face source, the same one
     * prepare uses; null while the engine is not ready or when the nets are missing. Shared: callers do not close it.
     */
    default SourceAnalyzer analyzer(PrepareConfig config) {
        return null;
    }

    /** Starts loading the detector in the background (no-op when there is nothing to load). */
    default void start() { }

    /** Releases the detector. */
    default void close() { }

    /** For builds or machines without a detector. */
    static FacePreviewService unavailable(String reason) {
        return new FacePreviewService() {
            @Override
            public State state() {
                return State.UNAVAILABLE;
            }

            @Override
            public String stateMessage() {
                return "Face detection not available: " + reason;
            }

            @Override
            public void addStateListener(Runnable listener) { }

            @Override
            public String detectorKey(PrepareConfig config) {
                return null;
            }

            @Override
            public List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config) {
                throw new IllegalStateException(stateMessage());
            }

            @Override
            public FacePreview preview(FaceRequest image, PrepareConfig config, SplitName split) {
                throw new IllegalStateException(stateMessage());
            }
        };
    }
}
