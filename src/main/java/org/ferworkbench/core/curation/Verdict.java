package org.ferworkbench.core.curation;

import java.util.Locale;

/** What a reviewer decided about an image. No decision at all is the absence of a verdict. */
public enum Verdict {
    ACCEPTED, REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
