package org.ferworkbench.core.facenet;

/** The expression net's probabilities for one face (softmax: they sum to 1). */
public record FaceExpressions(float neutral, float happy, float sad, float angry, float fearful, float disgusted,
                              float surprised) {

    /** From seven probabilities in {@link FaceExpression} order (e.g. as cached). */
    public static FaceExpressions of(float[] p) {
        if (p.length != 7) throw new IllegalArgumentException("expected 7 expression probabilities, got " + p.length);
        return of(p, 0);
    }

    /** From the net's seven outputs, in {@link FaceExpression} order. */
    static FaceExpressions of(float[] p, int offset) {
        return new FaceExpressions(p[offset], p[offset + 1], p[offset + 2], p[offset + 3], p[offset + 4],
                p[offset + 5], p[offset + 6]);
    }

    public float probability(FaceExpression e) {
        return switch (e) {
            case NEUTRAL -> neutral;
            case HAPPY -> happy;
            case SAD -> sad;
            case ANGRY -> angry;
            case FEARFUL -> fearful;
            case DISGUSTED -> disgusted;
            case SURPRISED -> surprised;
        };
    }

    /** The probabilities in {@link FaceExpression} order (a new array). */
    public float[] toArray() {
        return new float[] {neutral, happy, sad, angry, fearful, disgusted, surprised};
    }

    /** The most probable expression (the first one on a tie). */
    public FaceExpression mostLikely() {
        FaceExpression best = FaceExpression.NEUTRAL;
        for (FaceExpression e : FaceExpression.values()) {
            if (probability(e) > probability(best)) best = e;
        }
        return best;
    }
}
