package org.ferworkbench.core.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reviewer's word that some images are not duplicates of one another, applied to the groups found: within a group,
 * near links among those images no longer hold (exact copies, the same bytes or pixels, always do). A group such a
 * set touches is grouped again from its own images: exact links among all of them, near links only among those the
 * reviewer did not separate. Groups are renumbered 1..n by first member afterwards.
 */
public final class Separations {
    private Separations() { }

    public static DuplicateGroups apply(DuplicateGroups groups, List<Set<String>> notDuplicates,
                                       Map<String, DuplicateCandidate> candidates, int maxDistance) {
        if (notDuplicates.isEmpty() || groups.groups().isEmpty()) return groups;
        List<DuplicateGroup> out = new ArrayList<>();
        for (DuplicateGroup g : groups.groups()) {
            Set<String> separated = new HashSet<>();
            for (Set<String> s : notDuplicates) {
                List<String> inGroup = g.members().stream().filter(s::contains).toList();
                if (inGroup.size() >= 2) separated.addAll(inGroup);
            }
            if (separated.isEmpty()) {
                out.add(g);
                continue;
            }
            out.addAll(regroup(g, separated, candidates, maxDistance));
        }
        out.sort(Comparator.comparing(g -> g.members().get(0)));
        List<DuplicateGroup> numbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            DuplicateGroup g = out.get(i);
            numbered.add(new DuplicateGroup(i + 1, g.members(), g.kinds(), g.classes(), g.maxDistance()));
        }
        return new DuplicateGroups(numbered);
    }

    private static List<DuplicateGroup> regroup(DuplicateGroup g, Set<String> separated, Map<String, DuplicateCandidate> candidates,
                                                int maxDistance) {
        List<String> members = g.members();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < members.size(); i++) index.put(members.get(i), i);
        List<DuplicateCandidate> all = members.stream().map(candidates::get).toList();
        List<DuplicateCandidate> rest = all.stream().filter(c -> !separated.contains(c.id())).toList();
        List<DuplicateGroup> parts = new ArrayList<>(new DuplicateFinder(0).find(all).groups());
        if (rest.size() >= 2) parts.addAll(new DuplicateFinder(maxDistance).find(rest).groups());
        UnionFind components = new UnionFind(members.size());
        for (DuplicateGroup part : parts) {
            int first = index.get(part.members().get(0));
            for (String m : part.members()) components.union(first, index.get(m));
        }
        // each component with its members, and the kinds and largest distance of the parts that made it
        Map<Integer, TreeSet<String>> byRoot = new HashMap<>();
        Map<Integer, Set<LinkKind>> kinds = new HashMap<>();
        Map<Integer, Integer> distance = new HashMap<>();
        for (String m : members) byRoot.computeIfAbsent(components.find(index.get(m)), k -> new TreeSet<>()).add(m);
        for (DuplicateGroup part : parts) {
            int root = components.find(index.get(part.members().get(0)));
            kinds.computeIfAbsent(root, k -> EnumSet.noneOf(LinkKind.class)).addAll(part.kinds());
            distance.merge(root, part.maxDistance(), Math::max);
        }
        List<DuplicateGroup> out = new ArrayList<>();
        for (Map.Entry<Integer, TreeSet<String>> c : byRoot.entrySet()) {
            if (c.getValue().size() < 2) continue;
            List<String> classes = c.getValue().stream().map(m -> candidates.get(m).className()).distinct().sorted().toList();
            out.add(new DuplicateGroup(0, List.copyOf(c.getValue()), kinds.get(c.getKey()), classes, distance.get(c.getKey())));
        }
        return out;
    }
}
