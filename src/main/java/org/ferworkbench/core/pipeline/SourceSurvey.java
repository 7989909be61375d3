package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.plan.SourceFacts;

import java.util.Map;

/** A dataset and what reading it found of each source (by relative path), face analyses included. */
public record SourceSurvey(Dataset dataset, Map<String, SourceFacts> facts) {
    public SourceSurvey {
        facts = Map.copyOf(facts);
    }
}
