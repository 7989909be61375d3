package org.ferworkbench.core.curation;

/**
 * Where an image stands, as the workbench shows it. A reviewer's decision wins over what the checks found;
 * among the checks, the most serious finding wins.
 */
public enum SampleStatus {
    /** Not checked yet. */
    UNCHECKED("not checked yet", false),
    /** Readable, and (when faces were searched) exactly one face with a good probability. */
    OK("ok", false),
    /** One face, found with a probability below {@link #LOW_PROBABILITY}. */
    LOW_PROBABILITY("low face probability", true),
    NO_FACE("no face found", true),
    SEVERAL_FACES("several faces", true),
    /** One usable face, whose label the expression net disputes (see LabelOpinion): worth a look, still exported. */
    LABEL_DISPUTED("label disputed", true),
    UNREADABLE("unreadable", false),
    ACCEPTED("accepted in review", false),
    REJECTED("rejected in review", false);

    /** Below this best-face probability an image is worth a look. */
    public static final double LOW_PROBABILITY_THRESHOLD = 0.95;

    private final String label;
    private final boolean needsLook;

    SampleStatus(String label, boolean needsLook) {
        this.label = label;
        this.needsLook = needsLook;
    }

    public String label() {
        return label;
    }

    /** Undecided images a reviewer should look at (what the review mode steps through). */
    public boolean needsLook() {
        return needsLook;
    }

    /** Goes into the export as far as is known (not rejected, not unreadable, no face problem). */
    public boolean kept() {
        return this == UNCHECKED || this == OK || this == LOW_PROBABILITY || this == LABEL_DISPUTED || this == ACCEPTED;
    }

    public static SampleStatus of(ImageCheck check, ReviewDecision decision) {
        return of(check, decision, false);
    }

    /** @param labelDisputed whether the expression net disputes the image's label (a face problem is more serious) */
    public static SampleStatus of(ImageCheck check, ReviewDecision decision, boolean labelDisputed) {
        if (decision != null) return decision.rejected() ? REJECTED : ACCEPTED;
        SampleStatus s = ofCheck(check);
        return labelDisputed && (s == OK || s == LOW_PROBABILITY) ? LABEL_DISPUTED : s;
    }

    /** What the checks alone say (ignoring review). */
    public static SampleStatus ofCheck(ImageCheck check) {
        if (check == null) return UNCHECKED;
        if (!check.readable()) return UNREADABLE;
        if (!check.detected()) return OK;
        int faces = check.faceCount();
        if (faces == 0) return NO_FACE;
        if (faces > 1) return SEVERAL_FACES;
        return check.bestProbability() < LOW_PROBABILITY_THRESHOLD ? LOW_PROBABILITY : OK;
    }

    @Override
    public String toString() {
        return label;
    }
}
