package org.ferworkbench.ui.export;

import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;

/** How the export gets its pipeline (wired in the composition root). */
@FunctionalInterface
public interface PipelineFactory {
    PreparePipeline create(PrepareConfig config);
}
