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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Map<String, List<T>> byClass = groupByClass(items, sampleOf);
        for (Map.Entry<String, List<T>> e : byClass.entrySet()) {
            if (e.getValue().size() < MIN_PER_CLASS) {
                throw new DatasetException("Class '" + e.getKey() + "' has " + e.getValue().size()
                        + " usable image(s): at least 2 are needed to put one in train and one in test");
            }
        }
        return params.groupPattern() == null
                ? splitPerClass(byClass, seed, params)
                : splitByGroup(byClass, sampleOf, seed, params);
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
     * Subjects are shuffled with the seed and visited once each; a subject goes to test when that brings the
     * per-class test counts closer (in total absolute difference) to their targets. Subjects are global, so a
     * subject with images in several classes is on one side for all of them. File names that do not match
     * the pattern form a group of their own (and are reported).
     */
    private static <T> DatasetSplit<T> splitByGroup(Map<String, List<T>> byClass, Function<T, Sample> sampleOf,
                                                    long seed, SplitParameters params) throws DatasetException {
        Pattern pattern = Pattern.compile(params.groupPattern());
        List<String> classes = new ArrayList<>(byClass.keySet());
        Map<String, int[]> countsBySubject = new TreeMap<>();
        Map<T, String> subjectOf = new LinkedHashMap<>();
        int unmatched = 0;
        for (int c = 0; c < classes.size(); c++) {
            for (T item : byClass.get(classes.get(c))) {
                String name = sampleOf.apply(item).fileName();
                Matcher m = pattern.matcher(name);
                String subject;
                if (m.find() && m.group(1) != null) {
                    subject = "g:" + m.group(1);
                } else {
                    subject = "f:" + sampleOf.apply(item).relativePath();
                    unmatched++;
                }
                subjectOf.put(item, subject);
                countsBySubject.computeIfAbsent(subject, k -> new int[classes.size()])[c]++;
            }
        }
        int[] target = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) target[c] = params.testCount(byClass.get(classes.get(c)).size());

        List<String> subjects = new ArrayList<>(countsBySubject.keySet());
        SeededRandom.derive(seed, "group-split").shuffle(subjects);
        int[] testCounts = new int[classes.size()];
        Set<String> testSubjects = new HashSet<>();
        for (String s : subjects) {
            int[] n = countsBySubject.get(s);
            long gain = 0;
            for (int c = 0; c < n.length; c++) {
                gain += Math.abs(testCounts[c] - target[c]) - Math.abs(testCounts[c] + n[c] - target[c]);
            }
            if (gain > 0) {
                testSubjects.add(s);
                for (int c = 0; c < n.length; c++) testCounts[c] += n[c];
            }
        }
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (List<T> classItems : byClass.values()) {
            for (T item : classItems) {
                (testSubjects.contains(subjectOf.get(item)) ? test : train).add(item);
            }
        }
        List<String> notes = new ArrayList<>();
        long groups = subjects.stream().filter(s -> s.startsWith("g:")).count();
        notes.add("group split: " + groups + " subjects, " + testSubjects.size() + " groups in test");
        if (unmatched > 0) {
            notes.add(unmatched + " file name(s) did not match the group pattern; each is its own group");
        }
        for (int c = 0; c < classes.size(); c++) {
            int total = byClass.get(classes.get(c)).size();
            if (testCounts[c] == 0 || testCounts[c] == total) {
                throw new DatasetException("Group split leaves class '" + classes.get(c) + "' with no "
                        + (testCounts[c] == 0 ? "test" : "train") + " images: too few subjects for a group-aware split");
            }
        }
        return new DatasetSplit<>(train, test, notes);
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
