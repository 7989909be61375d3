package org.ferworkbench.core.duplicates;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A group of 2+ images that must stay on one side of the split.
 *
 * @param id          1..n, in the order of the groups' first members
 * @param members     image ids, sorted
 * @param kinds       the kinds of the links that joined them
 * @param classes     sorted distinct class names of the members
 * @param maxDistance largest DCT distance of a NEAR link in the group, 0 if none
 */
public record DuplicateGroup(int id, List<String> members, Set<LinkKind> kinds, List<String> classes, int maxDistance) {
    public DuplicateGroup {
        members = List.copyOf(members);
        // an EnumSet keeps the declared order (EXACT_FILE, EXACT_PIXELS, NEAR) when printed or iterated
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(LinkKind.class) : EnumSet.copyOf(kinds));
        classes = List.copyOf(classes);
        if (members.size() < 2) throw new IllegalArgumentException("a group has 2 or more members: " + members);
    }

    /** The members are filed under more than one class: the same face carries different labels. */
    public boolean labelConflict() {
        return classes.size() > 1;
    }

    public int size() {
        return members.size();
    }

    /** Whether some of its members are only near copies of one another (not the same bytes or pixels). */
    public boolean hasNearCopies() {
        return kinds.contains(LinkKind.NEAR);
    }

    /** How its members are linked, as summaries and the app name it: "exact", "near", or both in that order. */
    public List<String> kindNames() {
        return LinkKind.names(kinds);
    }
}
