package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.face.DetectionCache;

import java.util.function.Supplier;

/**
 * How a front end gets the pipeline that runs an export: the command line and the app each take one in their
 * composition root, and tests hand in their own (e.g. {@link #withoutDetection()}).
 */
@FunctionalInterface
public interface PipelineFactory {
    PreparePipeline create(PrepareConfig config);

    /** MTCNN and alignment when the settings ask for detection, detections kept in {@code cache} (made on first use). */
    static PipelineFactory standard(Supplier<DetectionCache> cache) {
        return config -> PreparePipeline.standard(cache.get());
    }

    /** Detection off only: a config that asks for it fails (for tests and builds without the models). */
    static PipelineFactory withoutDetection() {
        return config -> PreparePipeline.withoutDetection();
    }
}
