package org.ferworkbench.core.plan;

import java.util.List;
import java.util.Set;

/**
 * A reviewer's decisions on the groups the split keeps together (saved in the workspace journal, applied by the
 * app's plan and by {@code prepare --decisions} alike).
 *
 * @param separated  sets of images that are not together: near links among them do not group them, and each leaves
 *                   the identity it was clustered into ("not duplicates", "not one person", "not this person")
 * @param samePerson sets of images that show one person: the identities they fall into are joined, and so are they.
 *                   A separation wins: an image separated from its identity is not joined again
 */
public record GroupDecisions(List<Set<String>> separated, List<Set<String>> samePerson) {
    public static final GroupDecisions NONE = new GroupDecisions(List.of(), List.of());

    public GroupDecisions {
        separated = separated == null ? List.of() : separated.stream().map(Set::copyOf).toList();
        samePerson = samePerson == null ? List.of() : samePerson.stream().map(Set::copyOf).toList();
    }

    /** Only separations (the decisions before identities existed). */
    public static GroupDecisions separated(List<Set<String>> separated) {
        return new GroupDecisions(separated, List.of());
    }
}
