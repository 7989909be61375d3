package org.ferworkbench.core.curation;

import java.util.Locale;

/** Why an image was rejected in review (written to the journal and, as text, to the export's manifest). */
public enum RejectReason {
    NO_FACE("no face"),
    SEVERAL_FACES("several faces"),
    WRONG_FACE("wrong face"),
    BAD_ALIGNMENT("bad alignment"),
    DUPLICATE("duplicate"),
    WRONG_LABEL("wrong label"),
    OTHER("other");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RejectReason parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return label;
    }
}
