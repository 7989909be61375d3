package org.ferworkbench.core.plan;

import org.ferworkbench.core.duplicates.DuplicateGroup;

/**
 * A group of duplicate images as the plan places it: {@code split} is "train" or "test" when all its usable files are
 * on that side, "dropped" when its label conflict left it out, and "both" when it straddles the split (only when
 * duplicates are ignored: the leak the grouping exists to prevent).
 */
public record PlannedGroup(DuplicateGroup group, String split) {
    public static final String BOTH = "both";
    public static final String DROPPED = "dropped";

    public boolean straddles() {
        return BOTH.equals(split);
    }
}
