package org.ferworkbench.ui.browser;

import org.ferworkbench.core.curation.SampleStatus;

/** Which images of a class the grid shows. */
public enum StatusFilter {
    ALL("All"),
    ACCEPTED("Accepted"),
    REJECTED("Rejected"),
    NO_FACE("No face"),
    SEVERAL_FACES("Several faces"),
    UNREADABLE("Unreadable"),
    LABEL_DISPUTED("Label disputed"),
    NEEDS_LOOK("Needs a look");

    private final String label;

    StatusFilter(String label) {
        this.label = label;
    }

    public boolean matches(SampleStatus s) {
        return switch (this) {
            case ALL -> true;
            case ACCEPTED -> s.kept();
            case REJECTED -> s == SampleStatus.REJECTED;
            case NO_FACE -> s == SampleStatus.NO_FACE;
            case SEVERAL_FACES -> s == SampleStatus.SEVERAL_FACES;
            case UNREADABLE -> s == SampleStatus.UNREADABLE;
            case LABEL_DISPUTED -> s == SampleStatus.LABEL_DISPUTED;
            case NEEDS_LOOK -> s.needsLook();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
