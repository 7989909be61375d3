package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.plan.SourceFacts;
import org.ferworkbench.core.read.Reading;

import java.util.Map;

/**
 * A dataset read as prepare reads it: the reading itself (usable and unusable sources), and what it found of each
 * source (by relative path), face analyses included.
 */
public record SourceSurvey(Dataset dataset, Reading reading, Map<String, SourceFacts> facts) {
    public SourceSurvey {
        facts = Map.copyOf(facts);
    }
}
