package org.ferworkbench.core.split;

import java.util.Locale;

/** The two sides of the split. */
public enum SplitName {
    TRAIN, TEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
