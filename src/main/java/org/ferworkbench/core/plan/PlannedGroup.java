package org.ferworkbench.core.plan;

import org.ferworkbench.core.duplicates.LinkKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A group of images that belong together, as the plan places it: copies of one image (exact or near), the images of
 * one subject ({@code --group-pattern}), or several of these joined where they share an image.
 *
 * @param id            1..n in the order of the groups' first files: the manifest's group column
 * @param members       relative paths, sorted
 * @param kinds         the kinds of the links that joined them
 * @param classes       sorted distinct class names of the members
 * @param labelConflict whether copies of one image are filed under different classes (a subject in several classes
 *                      is not a conflict: one person shows several expressions)
 * @param maxDistance   largest DCT distance of a near link in the group, 0 if none
 * @param split         "train" or "test" when all its usable files are on that side, "dropped" when none is (a label
 *                      conflict left out), "both" when it straddles the split (only when duplicates are ignored: the
 *                      leak the grouping exists to prevent)
 */
public record PlannedGroup(int id, List<String> members, Set<LinkKind> kinds, List<String> classes, boolean labelConflict,
                           int maxDistance, String split) {
    public static final String BOTH = "both";
    public static final String DROPPED = "dropped";

    public PlannedGroup {
        members = List.copyOf(members);
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(LinkKind.class) : EnumSet.copyOf(kinds));
        classes = List.copyOf(classes);
    }

    public boolean straddles() {
        return BOTH.equals(split);
    }

    public int size() {
        return members.size();
    }

    /** Whether some of its members are only near copies of one another. */
    public boolean hasNearCopies() {
        return kinds.contains(LinkKind.NEAR);
    }

    /** "exact", "near", "pattern", in that order, for the kinds of its links. */
    public List<String> kindNames() {
        return LinkKind.names(kinds);
    }
}
