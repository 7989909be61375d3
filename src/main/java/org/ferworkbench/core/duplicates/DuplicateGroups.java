package org.ferworkbench.core.duplicates;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups found in one dataset.
 *
 * @param groups ordered by first member id; ids 1..n in that order
 */
public record DuplicateGroups(List<DuplicateGroup> groups) {
    public static final DuplicateGroups NONE = new DuplicateGroups(List.of());

    public DuplicateGroups {
        groups = groups instanceof Indexed indexed ? indexed : new Indexed(groups);
    }

    /** The group of an id, or null when the image is in no group (a singleton). */
    public DuplicateGroup groupOf(String id) {
        return ((Indexed) groups).byMember.get(id);
    }

    public int imagesInGroups() {
        return ((Indexed) groups).byMember.size();
    }

    /**
     * An unmodifiable list that also knows each member's group. A record can hold no other field, and a lookup
     * per image of the split must not scan every group.
     */
    private static final class Indexed extends AbstractList<DuplicateGroup> {
        private final List<DuplicateGroup> groups;
        private final Map<String, DuplicateGroup> byMember = new HashMap<>();

        Indexed(List<DuplicateGroup> groups) {
            this.groups = List.copyOf(groups);
            for (DuplicateGroup g : this.groups) {
                for (String m : g.members()) {
                    if (byMember.put(m, g) != null) throw new IllegalArgumentException("image in two groups: " + m);
                }
            }
        }

        @Override
        public DuplicateGroup get(int index) {
            return groups.get(index);
        }

        @Override
        public int size() {
            return groups.size();
        }
    }
}
