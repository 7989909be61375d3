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

    /**
     * The same pipelines with their detections (and face analyses) in {@code directory}, a folder that other
     * processes and machines may use at the same time (--detection-cache). Pipelines without detection are unchanged.
     */
    default PipelineFactory withSharedCache(java.nio.file.Path directory) {
        return this;
    }

    /** MTCNN and alignment when the settings ask for detection, detections kept in {@code cache} (made on first use). */
    static PipelineFactory standard(Supplier<DetectionCache> cache) {
        return new PipelineFactory() {
            @Override
            public PreparePipeline create(PrepareConfig config) {
                return PreparePipeline.standard(cache.get());
            }

            @Override
            public PipelineFactory withSharedCache(java.nio.file.Path directory) {
                return standard(() -> DetectionCache.shared(directory));
            }
        };
    }

    /** Detection off only: a config that asks for it fails (for tests and builds without the models). */
    static PipelineFactory withoutDetection() {
        return config -> PreparePipeline.withoutDetection();
    }
}
