package org.ferworkbench.core.analysis;

import org.ferworkbench.core.facenet.FaceNetModels;
import org.ferworkbench.core.settings.PrepareConfig;

import java.io.IOException;
import java.util.function.Function;

/** Chooses the analyser of source faces for a config (only asked for when it groups identities or checks labels). */
public final class AnalysisStages {
    private AnalysisStages() { }

    /** The face-api nets are loaded once per process, on the first run that needs them. */
    public static Function<PrepareConfig, SourceAnalyzer> standard(FaceAnalysisCache cache) {
        return config -> {
            FaceNetModels models;
            try {
                models = FaceNetModels.shared();
            } catch (IOException e) {
                throw new IllegalStateException("Face analysis (identities, label check) needs the face-api models ("
                        + e.getMessage() + ")");
            }
            return new SourceAnalyzer(models, cache, config.detectFaces() ? config.face().detector().cacheKey() : null,
                    config.face().minProbability());
        };
    }
}
