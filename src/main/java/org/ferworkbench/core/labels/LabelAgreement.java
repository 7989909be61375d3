package org.ferworkbench.core.labels;

import org.ferworkbench.core.facenet.FaceExpression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often the expression net agrees with each class folder: of the images of a class that had a face to score, the
 * share whose most probable expression is the class's own, and how many are disputed.
 */
public record LabelAgreement(List<ClassAgreement> classes) {
    /** One folder: images scored, those the net agrees with, those disputed; expression null when the class has none. */
    public record ClassAgreement(String className, FaceExpression expression, int scored, int agreed, int disputed) {
        public double share() {
            return scored == 0 ? 0 : (double) agreed / scored;
        }
    }

    public LabelAgreement {
        classes = List.copyOf(classes);
    }

    /** @param opinions per image (by class), for the images that had a face to score */
    public static LabelAgreement of(List<String> classNames, Map<String, List<LabelOpinion>> opinions, ExpressionMapping mapping) {
        Map<String, ClassAgreement> out = new LinkedHashMap<>();
        for (String c : classNames) {
            FaceExpression mine = mapping.expressionOf(c);
            int scored = 0, agreed = 0, disputed = 0;
            for (LabelOpinion o : opinions.getOrDefault(c, List.of())) {
                scored++;
                if (mine != null && o.top().get(0).expression() == mine) agreed++;
                if (o.disputed()) disputed++;
            }
            out.put(c, new ClassAgreement(c, mine, scored, agreed, disputed));
        }
        return new LabelAgreement(List.copyOf(out.values()));
    }
}
