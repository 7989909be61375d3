package org.ferworkbench.core.split;

import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.random.SeededRandom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Stratified train/test split. Each class is ordered by relative path, shuffled with a generator derived from
 * the run seed and the class name, and cut: the first testCount(n) go to test. The same seed gives the same
 * split on every machine. With a group pattern, whole subjects are assigned instead (see splitByGroup).
 */
public final class StratifiedSplitter {
    /** Usable images a class needs: one for train and one for test. */
    public static final int MIN_PER_CLASS = 2;


    public <T> DatasetSplit<T> split(List<T> items, Function<T, Sample> sampleOf, long seed, SplitParameters params)
            throws DatasetException {
        SubjectPattern subjects = SubjectPattern.of(params);
        return split(items, sampleOf, item -> {
            String subject = subjects == null ? null : subjects.subjectOf(sampleOf.apply(item));
            return subject == null ? List.of() : List.of("g:" + subject);
        }, seed, params);
    }

    /**
     * @param linksOf the keys of the groups an item belongs to, each "kind:id" ("g:" a subject, "d:" a group of
     *                duplicates): items sharing a key, directly or through others, stay on one side. Empty for an
     *                item in no group. "i:" marks an identity.
     */
    public <T> DatasetSplit<T> split(List<T> items, Function<T, Sample> sampleOf, Function<T, List<String>> linksOf, long seed,
                                     SplitParameters params) throws DatasetException {
        Map<String, List<T>> byClass = groupByClass(items, sampleOf);
        for (Map.Entry<String, List<T>> e : byClass.entrySet()) {
            if (e.getValue().size() < MIN_PER_CLASS) {
                throw new DatasetException("Class '" + e.getKey() + "' has " + e.getValue().size()
                        + " usable image(s): at least 2 are needed to put one in train and one in test");
            }
        }
        boolean linked = items.stream().anyMatch(i -> !linksOf.apply(i).isEmpty());
        // no subjects and no duplicates: the study's plain per-class split, unchanged
        return params.groupPattern() == null && !linked
                ? splitPerClass(byClass, seed, params)
                : splitByGroup(byClass, sampleOf, linksOf, seed, params);
    }

    private static <T> DatasetSplit<T> splitPerClass(Map<String, List<T>> byClass, long seed, SplitParameters params) {
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (Map.Entry<String, List<T>> e : byClass.entrySet()) {
            List<T> shuffled = new ArrayList<>(e.getValue());
            SeededRandom.derive(seed, "split", e.getKey()).shuffle(shuffled);
            int nTest = params.testCount(shuffled.size());
            Set<T> testSet = new HashSet<>(shuffled.subList(0, nTest));
            for (T item : e.getValue()) {
                (testSet.contains(item) ? test : train).add(item);
            }
        }
        return new DatasetSplit<>(train, test, List.of());
    }

    /**
     * Units (a subject by the group pattern, a group of duplicates, both joined where they share an image, or else a
     * single image) are shuffled with the seed and visited once each; a unit goes to test when that brings the
     * per-class test counts closer (in total absolute difference) to their targets. Units are global, so a unit with
     * images in several classes is on one side for all of them. With a pattern, file names that do not match it are
     * units of their own (and are reported).
     */
    private static <T> DatasetSplit<T> splitByGroup(Map<String, List<T>> byClass, Function<T, Sample> sampleOf,
                                                    Function<T, List<String>> linksOf, long seed, SplitParameters params)
            throws DatasetException {
        List<String> classes = new ArrayList<>(byClass.keySet());
        Units units = new Units();
        Map<T, String> firstKey = new LinkedHashMap<>();
        for (List<T> classItems : byClass.values()) {
            for (T item : classItems) {
                String own = "f:" + sampleOf.apply(item).relativePath();
                units.root(own);
                for (String key : linksOf.apply(item)) units.join(own, key);
                firstKey.put(item, own);
            }
        }
        Map<String, int[]> countsByUnit = new TreeMap<>();
        Map<T, String> unitOf = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            for (T item : byClass.get(classes.get(c))) {
                String unit = units.root(firstKey.get(item));
                unitOf.put(item, unit);
                countsByUnit.computeIfAbsent(unit, k -> new int[classes.size()])[c]++;
            }
        }
        int[] target = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) target[c] = params.testCount(byClass.get(classes.get(c)).size());

        List<String> order = new ArrayList<>(countsByUnit.keySet());
        SeededRandom.derive(seed, "group-split").shuffle(order);
        int[] testCounts = new int[classes.size()];
        Set<String> testUnits = new HashSet<>();
        for (String u : order) {
            int[] n = countsByUnit.get(u);
            long gain = 0;
            for (int c = 0; c < n.length; c++) {
                gain += Math.abs(testCounts[c] - target[c]) - Math.abs(testCounts[c] + n[c] - target[c]);
            }
            if (gain > 0) {
                testUnits.add(u);
                for (int c = 0; c < n.length; c++) testCounts[c] += n[c];
            }
        }
        int[] sizes = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) sizes[c] = byClass.get(classes.get(c)).size();
        GroupBalancer balancer = new GroupBalancer(sizes, target);
        int moves = balancer.balance(order, countsByUnit, testUnits, testCounts);
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (List<T> classItems : byClass.values()) {
            for (T item : classItems) {
                (testUnits.contains(unitOf.get(item)) ? test : train).add(item);
            }
        }
        List<String> notes = new ArrayList<>();
        if (moves > 0) notes.add("test shares balanced: " + moves + " group(s) moved to the other side");
        for (int c : balancer.outOfTolerance(testCounts)) {
            notes.add(String.format(java.util.Locale.ROOT, "class '%s': test share %.1f%% (%d of %d), asked %.1f%%: its groups "
                    + "are too large to come closer", classes.get(c), 100.0 * testCounts[c] / sizes[c], testCounts[c], sizes[c],
                    100.0 * target[c] / sizes[c]));
        }
        if (params.groupPattern() != null) {
            long subjects = order.stream().filter(u -> u.startsWith("g:")).count();
            notes.add("group split: " + subjects + " subjects, " + testUnits.size() + " groups in test");
        }
        // a unit is named by its highest-ranked key, so a duplicate group that also holds an identity is named "d:":
        // count the units that hold any identity link, not those named by one
        Set<String> withIdentity = new HashSet<>();
        for (Map.Entry<T, String> e : unitOf.entrySet()) {
            for (String key : linksOf.apply(e.getKey())) {
                if (key.startsWith("i:")) withIdentity.add(e.getValue());
            }
        }
        long linked = order.stream().filter(u -> u.startsWith("d:") && !withIdentity.contains(u)).count();
        if (linked > 0) notes.add("duplicate groups kept on one side: " + linked);
        if (!withIdentity.isEmpty()) notes.add("identities kept on one side: " + withIdentity.size());
        for (int c = 0; c < classes.size(); c++) {
            int total = byClass.get(classes.get(c)).size();
            if (testCounts[c] == 0 || testCounts[c] == total) {
                throw new DatasetException("Group split leaves class '" + classes.get(c) + "' with no "
                        + (testCounts[c] == 0 ? "test" : "train") + " images: too few separate groups for a group-aware split");
            }
        }
        return new DatasetSplit<>(train, test, notes);
    }

    /**
     * Union-find over unit keys. A component is named by its first key in the order subject ("g:"), duplicate group
     * ("d:"), identity ("i:"), file ("f:"), then alphabetical: independent of the visiting order, and a subject keeps the name it had
     * before duplicates were grouped, so a pattern split without duplicates is the same as it always was.
     */
    private static final class Units {
        private final Map<String, String> parent = new java.util.HashMap<>();

        void join(String a, String b) {
            String ra = root(a);
            String rb = root(b);
            if (ra.equals(rb)) return;
            if (before(ra, rb)) parent.put(rb, ra);
            else parent.put(ra, rb);
        }

        String root(String k) {
            parent.putIfAbsent(k, k);
            String r = k;
            while (!parent.get(r).equals(r)) r = parent.get(r);
            for (String n = k; !n.equals(r); ) {   // path compression
                String next = parent.get(n);
                parent.put(n, r);
                n = next;
            }
            return r;
        }

        private static boolean before(String a, String b) {
            int ra = rank(a), rb = rank(b);
            return ra != rb ? ra < rb : a.compareTo(b) < 0;
        }

        private static int rank(String key) {
            return key.startsWith("g:") ? 0 : key.startsWith("d:") ? 1 : key.startsWith("i:") ? 2 : 3;
        }
    }

    private static <T> Map<String, List<T>> groupByClass(List<T> items, Function<T, Sample> sampleOf) {
        Map<String, List<T>> byClass = new TreeMap<>();
        for (T item : items) {
            byClass.computeIfAbsent(sampleOf.apply(item).className(), k -> new ArrayList<>()).add(item);
        }
        for (List<T> list : byClass.values()) {
            list.sort(Comparator.comparing(i -> sampleOf.apply(i).relativePath()));
        }
        return byClass;
    }
}
