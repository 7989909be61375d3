package org.ferworkbench.core.labels;

import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.pipeline.SourceSurvey;
import org.ferworkbench.core.plan.SourceFacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expression net's second opinion on a whole dataset: how often it agrees with each class folder, and the images
 * whose label it disputes (most confident dispute first). {@code stats --label-check} prints it; the app shows the same.
 *
 * @param notScored readable images without a face to score (no face found, or not read)
 */
public record LabelCheck(LabelAgreement agreement, List<Disputed> disputed, int notScored) {
    /** One disputed image. */
    public record Disputed(String path, String className, LabelOpinion opinion) { }

    public LabelCheck {
        disputed = List.copyOf(disputed);
    }

    public static LabelCheck of(SourceSurvey survey, ExpressionMapping mapping) {
        return of(survey.dataset(), survey.facts(), mapping);
    }

    /** @param facts what is known of each source (the app's checks so far, or a survey) */
    public static LabelCheck of(Dataset dataset, Map<String, SourceFacts> facts, ExpressionMapping mapping) {
        Map<String, List<LabelOpinion>> byClass = new LinkedHashMap<>();
        List<Disputed> disputed = new ArrayList<>();
        int notScored = 0;
        for (Sample s : dataset.samples()) {
            SourceFacts f = facts.get(s.relativePath());
            if (f == null || !f.usable()) continue;
            FaceAnalysis a = f.analysis();
            if (a == null) {
                notScored++;
                continue;
            }
            LabelOpinion o = LabelOpinion.of(s.className(), a.expressions(), mapping);
            byClass.computeIfAbsent(s.className(), k -> new ArrayList<>()).add(o);
            if (o.disputed()) disputed.add(new Disputed(s.relativePath(), s.className(), o));
        }
        disputed.sort(Comparator.comparingDouble((Disputed d) -> d.opinion().own() - d.opinion().rivalProbability())
                .thenComparing(Disputed::path));
        return new LabelCheck(LabelAgreement.of(dataset.classNames(), byClass, mapping), disputed, notScored);
    }
}
