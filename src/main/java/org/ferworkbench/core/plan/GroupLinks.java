package org.ferworkbench.core.plan;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.duplicates.DuplicateGroup;
import org.ferworkbench.core.duplicates.DuplicateGroups;
import org.ferworkbench.core.duplicates.LinkKind;
import org.ferworkbench.core.duplicates.UnionFind;
import org.ferworkbench.core.identity.IdentityClusters;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.split.SubjectPattern;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every link between the usable images of a dataset (copies found by the duplicate search, subjects by the group
 * pattern, identities by the face recognition net) and the groups they make: the connected components of all links. One place decides what belongs together,
 * so the split, the manifest's group column, summary.json and the app all see the same groups.
 *
 * <p>A group is listed whatever the split honoured: with duplicates ignored, the copies are still one group, and
 * "both" then says that it straddles the split.
 */
final class GroupLinks {
    private final String[] ids;
    private final Map<String, Integer> index = new HashMap<>();
    private final String[] classOf;
    private final UnionFind components;
    private final List<Set<LinkKind>> kinds = new ArrayList<>();
    private final int[] maxDistance;
    private final boolean[] conflict;
    /** The keys of each image's links, for the splitter: "g:subject", "d:duplicate group", "i:identity". */
    private final Map<String, List<String>> keys = new HashMap<>();
    private int unmatched;

    GroupLinks(List<Sample> usable) {
        ids = usable.stream().map(Sample::relativePath).sorted().toArray(String[]::new);
        classOf = new String[ids.length];
        Map<String, String> classes = new HashMap<>();
        for (Sample s : usable) classes.put(s.relativePath(), s.className());
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
            classOf[i] = classes.get(ids[i]);
            kinds.add(EnumSet.noneOf(LinkKind.class));
        }
        components = new UnionFind(ids.length);
        maxDistance = new int[ids.length];
        conflict = new boolean[ids.length];
    }

    /** Joins each group of copies; {@code honoured} says whether the split keeps them on one side. */
    GroupLinks duplicates(DuplicateGroups groups, boolean honoured) {
        for (DuplicateGroup g : groups.groups()) {
            for (int i : join(g.members())) {
                kinds.get(i).addAll(g.kinds());
                maxDistance[i] = Math.max(maxDistance[i], g.maxDistance());
                conflict[i] |= g.labelConflict();
                if (honoured) keys.computeIfAbsent(ids[i], k -> new ArrayList<>(2)).add("d:" + g.id());
            }
        }
        return this;
    }

    /** Joins the images of each subject (always honoured: the user asked for it). */
    GroupLinks subjects(SubjectPattern pattern, List<Sample> usable) {
        if (pattern == null) return this;
        Map<String, Integer> firstOfSubject = new HashMap<>();
        for (Sample s : usable) {
            String subject = pattern.subjectOf(s);
            if (subject == null) {
                unmatched++;
                continue;
            }
            int i = index.get(s.relativePath());
            Integer first = firstOfSubject.putIfAbsent(subject, i);
            if (first != null) {
                components.union(first, i);
                kinds.get(i).add(LinkKind.PATTERN);
                kinds.get(first).add(LinkKind.PATTERN);
            }
            keys.computeIfAbsent(s.relativePath(), k -> new ArrayList<>(2)).add(0, "g:" + subject);
        }
        return this;
    }

    /** Joins the faces of each identity (honoured: the user asked for it). */
    GroupLinks identities(List<IdentityClusters.Identity> identities) {
        for (IdentityClusters.Identity identity : identities) {
            for (int i : join(identity.members())) {
                kinds.get(i).add(LinkKind.IDENTITY);
                keys.computeIfAbsent(ids[i], k -> new ArrayList<>(2)).add("i:" + identity.id());
            }
        }
        return this;
    }

    /** Puts the usable ones of {@code members} in one component; returns their indices (others are not planned). */
    private List<Integer> join(List<String> members) {
        List<Integer> joined = new ArrayList<>(members.size());
        for (String m : members) {
            Integer i = index.get(m);
            if (i == null) continue;
            if (!joined.isEmpty()) components.union(joined.get(0), i);
            joined.add(i);
        }
        return joined;
    }

    /** File names the group pattern did not match (each is a group of its own). */
    int unmatched() {
        return unmatched;
    }

    List<String> keysOf(String relativePath) {
        return keys.getOrDefault(relativePath, List.of());
    }

    /** The groups of two or more images, numbered 1..n by their first file, each with where its files landed. */
    Groups groups(Map<String, SplitName> splitOf) {
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) byRoot.computeIfAbsent(components.find(i), k -> new ArrayList<>()).add(i);
        List<PlannedGroup> groups = new ArrayList<>();
        Map<String, Integer> groupOf = new HashMap<>();
        for (List<Integer> members : byRoot.values()) {
            if (members.size() < 2) continue;
            int id = groups.size() + 1;
            Set<LinkKind> linked = EnumSet.noneOf(LinkKind.class);
            Set<String> classes = new TreeSet<>();
            Set<SplitName> sides = new HashSet<>();
            List<String> paths = new ArrayList<>(members.size());
            boolean labelConflict = false;
            int distance = 0;
            for (int i : members) {
                paths.add(ids[i]);
                linked.addAll(kinds.get(i));
                classes.add(classOf[i]);
                labelConflict |= conflict[i];
                distance = Math.max(distance, maxDistance[i]);
                SplitName side = splitOf.get(ids[i]);
                if (side != null) sides.add(side);
                groupOf.put(ids[i], id);
            }
            groups.add(new PlannedGroup(id, paths, linked, List.copyOf(classes), labelConflict, distance, side(sides)));
        }
        return new Groups(groups, groupOf);
    }

    /** Each group of copies as the plan places it, under the id of the group it belongs to. */
    static List<PlannedGroup> copies(DuplicateGroups duplicates, Map<String, Integer> groupOf, Map<String, SplitName> splitOf) {
        List<PlannedGroup> out = new ArrayList<>(duplicates.groups().size());
        for (DuplicateGroup g : duplicates.groups()) {
            Set<SplitName> sides = new HashSet<>();
            for (String m : g.members()) if (splitOf.containsKey(m)) sides.add(splitOf.get(m));
            Integer id = g.members().stream().map(groupOf::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (id == null) continue;     // no member usable (cannot happen: copies are found among usable images)
            out.add(new PlannedGroup(id, g.members(), g.kinds(), g.classes(), g.labelConflict(), g.maxDistance(), side(sides)));
        }
        return out;
    }

    private static String side(Set<SplitName> sides) {
        return sides.isEmpty() ? PlannedGroup.DROPPED : sides.size() > 1 ? PlannedGroup.BOTH : sides.iterator().next().id();
    }

    record Groups(List<PlannedGroup> groups, Map<String, Integer> groupOf) {
        static final Groups NONE = new Groups(List.of(), Map.of());
    }
}
