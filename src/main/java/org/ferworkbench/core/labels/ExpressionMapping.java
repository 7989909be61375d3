package org.ferworkbench.core.labels;

import org.ferworkbench.core.facenet.FaceExpression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which class folder each of the expression net's seven expressions stands for. By default a folder is matched by its
 * usual names (anger or angry, disgust or disgusted, fear or fearful, happiness, happy or joy, sadness or sad, surprise
 * or surprised, neutral), ignoring case; a user names others with "class=expression" pairs (e.g.
 * {@code wut=angry,freude=happy}). A class with no expression (CK+'s contempt) gets no second opinion.
 */
public final class ExpressionMapping {
    private static final Map<FaceExpression, List<String>> USUAL = new EnumMap<>(FaceExpression.class);

    static {
        USUAL.put(FaceExpression.ANGRY, List.of("anger", "angry"));
        USUAL.put(FaceExpression.DISGUSTED, List.of("disgust", "disgusted"));
        USUAL.put(FaceExpression.FEARFUL, List.of("fear", "fearful", "afraid"));
        USUAL.put(FaceExpression.HAPPY, List.of("happiness", "happy", "joy"));
        USUAL.put(FaceExpression.SAD, List.of("sadness", "sad"));
        USUAL.put(FaceExpression.SURPRISED, List.of("surprise", "surprised"));
        USUAL.put(FaceExpression.NEUTRAL, List.of("neutral", "calm"));
    }

    /** class name -> expression, in the dataset's class order; classes without one are absent. */
    private final Map<String, FaceExpression> byClass;

    private ExpressionMapping(Map<String, FaceExpression> byClass) {
        this.byClass = Collections.unmodifiableMap(byClass);
    }

    /**
     * @param classes  the dataset's class names
     * @param explicit "class=expression" pairs, comma-separated, or null/blank for the usual names only
     * @throws IllegalArgumentException for a pair that names no class of the dataset or no expression
     */
    public static ExpressionMapping of(List<String> classes, String explicit) {
        Map<String, FaceExpression> map = new LinkedHashMap<>();
        for (String c : classes) {
            String name = c.toLowerCase(Locale.ROOT);
            for (Map.Entry<FaceExpression, List<String>> e : USUAL.entrySet()) {
                if (e.getValue().contains(name)) map.put(c, e.getKey());
            }
        }
        if (explicit != null && !explicit.isBlank()) {
            for (String pair : explicit.split(",")) {
                String[] kv = pair.split("=", -1);
                if (kv.length != 2) throw new IllegalArgumentException("label map needs class=expression pairs, got '" + pair.trim() + "'");
                String cls = kv[0].trim();
                if (!classes.contains(cls)) throw new IllegalArgumentException("label map names no class of the dataset: '" + cls + "'");
                map.put(cls, expression(kv[1].trim()));
            }
        }
        return new ExpressionMapping(map);
    }

    private static FaceExpression expression(String text) {
        for (FaceExpression e : FaceExpression.values()) {
            if (e.name().equalsIgnoreCase(text)) return e;
            if (USUAL.get(e).contains(text.toLowerCase(Locale.ROOT))) return e;
        }
        List<String> names = new ArrayList<>();
        for (FaceExpression e : FaceExpression.values()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException("label map: '" + text + "' is not an expression (" + String.join(", ", names) + ")");
    }

    /** The expression a class stands for, or null when it has none. */
    public FaceExpression expressionOf(String className) {
        return byClass.get(className);
    }

    /** The class an expression stands for in this dataset, or null. */
    public String classOf(FaceExpression e) {
        for (Map.Entry<String, FaceExpression> m : byClass.entrySet()) if (m.getValue() == e) return m.getKey();
        return null;
    }

    public Map<String, FaceExpression> byClass() {
        return byClass;
    }
}
