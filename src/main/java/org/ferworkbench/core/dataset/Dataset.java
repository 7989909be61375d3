package org.ferworkbench.core.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scanned folder-per-class dataset. Classes are the sub-folders that hold image files, sorted by name;
 * labels are their indices. Samples are ordered by class, then by relative path.
 */
public record Dataset(Path root, List<String> classNames, List<Sample> samples, List<SkippedFile> skipped) {
    public Dataset {
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /** Sample count per class name, in label order. */
    public Map<String, Integer> countsByClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(c -> counts.put(c, 0));
        samples.forEach(s -> counts.merge(s.className(), 1, Integer::sum));
        return counts;
    }

    public List<Sample> samplesOf(String className) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.className().equals(className)) out.add(s);
        }
        return out;
    }
}
