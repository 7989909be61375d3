package org.ferworkbench.core.curation;

import org.ferworkbench.core.pipeline.SplitName;

import java.util.List;
import java.util.Map;

/**
 * The class distributions a configuration would give, the side of the split each image lands on, how many images
 * are not checked yet (their faces are assumed fine), and a problem when the split is impossible (then only the
 * found and unreadable counts are filled in).
 */
public record DistributionEstimate(List<ClassDistribution> classes, Map<String, SplitName> splitOf, int unchecked,
                                   String problem) {
    public DistributionEstimate {
        classes = List.copyOf(classes);
        splitOf = Map.copyOf(splitOf);
    }

    public int totalFinal() {
        return classes.stream().mapToInt(c -> c.finalTrain() + c.finalTest()).sum();
    }
}
