package org.ferworkbench.core.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What reading a dataset's files gave: the usable sources, and the others with their reasons. */
public record Reading(List<SourceImage> usable, List<UnusableSource> unusable) {
    /** Usable sources per class, in the order of {@code classNames} (0 for a class with none). */
    public Map<String, Integer> usableByClass(List<String> classNames) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(c -> counts.put(c, 0));
        usable.forEach(s -> counts.merge(s.sample().className(), 1, Integer::sum));
        return counts;
    }
}
