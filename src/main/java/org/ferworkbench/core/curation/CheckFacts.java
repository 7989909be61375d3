package org.ferworkbench.core.curation;

import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.plan.SourceFacts;

import java.util.HashMap;
import java.util.Map;

/**
 * The app's background checks as the planner's facts: an image not checked yet is unchecked, an unreadable one
 * unreadable, a read one readable with the faces found (when detection ran on it). So the app plans with exactly the
 * planner the export uses, over what it knows so far.
 */
public final class CheckFacts {
    private CheckFacts() { }

    public static Map<String, SourceFacts> of(Dataset dataset, Map<String, ImageCheck> checks) {
        return of(dataset, checks, Map.of());
    }

    /** @param analyses the face analyses found so far, by relative path (identity groups and label opinions use them) */
    public static Map<String, SourceFacts> of(Dataset dataset, Map<String, ImageCheck> checks, Map<String, FaceAnalysis> analyses) {
        Map<String, SourceFacts> facts = new HashMap<>();
        for (Sample s : dataset.samples()) {
            ImageCheck c = checks.get(s.relativePath());
            if (c == null) continue;
            facts.put(s.relativePath(), c.readable()
                    ? SourceFacts.readable(s, c.sha256(), c.width(), c.height(), c.faces(), c.fingerprint())
                            .withAnalysis(analyses.get(s.relativePath()))
                    : SourceFacts.unreadable(s, c.unreadableReason()));
        }
        return facts;
    }
}
