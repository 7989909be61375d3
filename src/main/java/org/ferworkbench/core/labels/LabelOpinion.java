package org.ferworkbench.core.labels;

import org.ferworkbench.core.facenet.FaceExpression;
import org.ferworkbench.core.facenet.FaceExpressions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The expression net's second opinion on one image's label: the probability it gives the image's own class, its top
 * three, and whether the label is disputed: the own class gets less than {@link #OWN_BELOW} while another class of the
 * dataset gets at least {@link #OTHER_AT_LEAST}. An aid for the curator, never a rejection.
 *
 * @param own      the probability of the image's own class (its folder's expression); NaN when the class has none
 * @param top      the three most probable expressions, most probable first
 * @param disputed whether the label is disputed (see above)
 * @param rival    the class the net prefers when disputed, else null
 */
public record LabelOpinion(float own, List<Scored> top, boolean disputed, String rival, float rivalProbability) {
    /** Thresholds of a dispute (docs/labels.md says how they were chosen). */
    public static final float OWN_BELOW = 0.10f, OTHER_AT_LEAST = 0.60f;

    /** An expression with its probability. */
    public record Scored(FaceExpression expression, float probability) { }

    public LabelOpinion {
        top = List.copyOf(top);
    }

    public static LabelOpinion of(String className, FaceExpressions p, ExpressionMapping mapping) {
        List<Scored> all = new ArrayList<>();
        for (FaceExpression e : FaceExpression.values()) all.add(new Scored(e, p.probability(e)));
        all.sort(Comparator.comparingDouble((Scored s) -> -s.probability()).thenComparing(Scored::expression));
        FaceExpression mine = mapping.expressionOf(className);
        float own = mine == null ? Float.NaN : p.probability(mine);
        String rival = null;
        float rivalProbability = 0;
        if (mine != null && own < OWN_BELOW) {
            for (Scored s : all) {
                String other = mapping.classOf(s.expression());
                if (other != null && !other.equals(className) && s.probability() >= OTHER_AT_LEAST) {
                    rival = other;
                    rivalProbability = s.probability();
                    break;
                }
            }
        }
        return new LabelOpinion(own, all.subList(0, 3), rival != null, rival, rivalProbability);
    }

    /** e.g. "label disputed: anger 3%, the net says happiness 91%"; empty when not disputed. */
    public String describe(String className) {
        if (!disputed) return "";
        return String.format(java.util.Locale.ROOT, "label disputed: %s %.0f%%, the net says %s %.0f%%", className, 100 * own,
                rival, 100 * rivalProbability);
    }
}
