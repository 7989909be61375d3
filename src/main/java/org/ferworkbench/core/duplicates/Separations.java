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
        List<DuplicateCandidate> all = g.members().stream().map(candidates::get).toList();
        List<DuplicateCandidate> rest = all.stream().filter(c -> !separated.contains(c.id())).toList();
        Map<String, String> parent = new HashMap<>();
        Map<String, Set<LinkKind>> kinds = new HashMap<>();
        Map<String, Integer> distance = new HashMap<>();
        for (DuplicateGroup part : new DuplicateFinder(0).find(all).groups()) join(part, parent, kinds, distance);
        if (rest.size() >= 2) {
            for (DuplicateGroup part : new DuplicateFinder(maxDistance).find(rest).groups()) join(part, parent, kinds, distance);
        }
        Map<String, TreeSet<String>> components = new HashMap<>();
        for (String m : g.members()) components.computeIfAbsent(root(parent, m), k -> new TreeSet<>()).add(m);
        List<DuplicateGroup> out = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> c : components.entrySet()) {
            if (c.getValue().size() < 2) continue;
            String r = c.getKey();
            List<String> classes = c.getValue().stream().map(m -> candidates.get(m).className()).distinct().sorted().toList();
            out.add(new DuplicateGroup(0, List.copyOf(c.getValue()), kinds.getOrDefault(r, EnumSet.noneOf(LinkKind.class)),
                    classes, distance.getOrDefault(r, 0)));
        }
        return out;
    }

    private static void join(DuplicateGroup part, Map<String, String> parent, Map<String, Set<LinkKind>> kinds,
                             Map<String, Integer> distance) {
        String first = root(parent, part.members().get(0));
        Set<LinkKind> k = EnumSet.noneOf(LinkKind.class);
        k.addAll(part.kinds());
        int d = part.maxDistance();
        for (String m : part.members()) {
            String r = root(parent, m);
            if (r.equals(first)) continue;
            k.addAll(kinds.getOrDefault(r, Set.of()));
            d = Math.max(d, distance.getOrDefault(r, 0));
            parent.put(r, first);
        }
        k.addAll(kinds.getOrDefault(first, Set.of()));
        kinds.put(first, k);
        distance.put(first, Math.max(d, distance.getOrDefault(first, 0)));
    }

    private static String root(Map<String, String> parent, String k) {
        String r = k;
        while (parent.containsKey(r) && !parent.get(r).equals(r)) r = parent.get(r);
        return r;
    }
}
