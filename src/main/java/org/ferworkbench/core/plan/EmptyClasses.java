package org.ferworkbench.core.plan;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.dataset.SkippedFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classes left with no usable image once unreadable files and review rejections are taken out. Exporting such a class
 * would give a label with zero rows, which trains a model on nothing and passes unnoticed, so it stops the plan
 * (naming the class) unless the user asked to leave such classes out; then the remaining classes are labelled
 * 0..K-1 again, in the same order, and the left-out files are listed as skipped.
 */
final class EmptyClasses {
    /** Per empty class: unreadable and rejected counts, in label order. */
    private final Map<String, int[]> classes;

    private EmptyClasses(Map<String, int[]> classes) {
        this.classes = classes;
    }

    static EmptyClasses find(Dataset dataset, List<SourceFacts> usable, List<NotExported> unreadable, Set<String> rejected) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // usable, unreadable, rejected
        for (String c : dataset.classNames()) counts.put(c, new int[3]);
        for (SourceFacts s : usable) counts.get(s.sample().className())[rejected.contains(s.sample().relativePath()) ? 2 : 0]++;
        for (NotExported u : unreadable) counts.get(u.className())[1]++;
        Map<String, int[]> empty = new LinkedHashMap<>();
        counts.forEach((c, n) -> {
            if (n[0] == 0) empty.put(c, new int[]{n[1], n[2]});
        });
        return new EmptyClasses(empty);
    }

    Set<String> classes() {
        return classes.keySet();
    }

    private String why(String className) {
        int[] n = classes.get(className);
        List<String> parts = new ArrayList<>();
        if (n[0] > 0) parts.add(n[0] + " unreadable");
        if (n[1] > 0) parts.add(n[1] + " rejected in review");
        return String.join(", ", parts);
    }

    DatasetException failure() {
        List<String> names = new ArrayList<>(classes.keySet());
        String first = names.get(0);
        String others = names.size() == 1 ? "" : " (and '" + String.join("', '", names.subList(1, names.size())) + "')";
        return new DatasetException("Class '" + first + "' has no usable image (" + why(first) + ")" + others
                + ": an export would have a label with no rows. Fix or remove the class folder, undo the rejections, "
                + "or add --skip-empty-classes to leave such classes out");
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        for (String c : classes.keySet()) parts.add("'" + c + "' (" + why(c) + ")");
        return "Left out " + (classes.size() == 1 ? "the class " : "the classes ") + String.join(", ", parts)
                + ": no usable image; the other classes are labelled again from 0 in folder order (see classes.json)";
    }

    /** The dataset without the empty classes, labels renumbered; their files are listed as skipped. */
    Dataset leaveOut(Dataset dataset) {
        List<String> names = new ArrayList<>();
        for (String c : dataset.classNames()) if (!classes.containsKey(c)) names.add(c);
        List<Sample> samples = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>(dataset.skipped());
        for (Sample s : dataset.samples()) {
            if (classes.containsKey(s.className())) {
                skipped.add(new SkippedFile(s.relativePath(), "class '" + s.className() + "' left out: it has no usable image ("
                        + why(s.className()) + ")"));
            } else {
                samples.add(new Sample(s.className(), names.indexOf(s.className()), s.relativePath(), s.file()));
            }
        }
        return new Dataset(dataset.root(), names, samples, skipped);
    }

    /** The usable sources of the remaining classes, with their new labels. */
    List<SourceFacts> leaveOut(List<SourceFacts> usable, Dataset relabelled) {
        Map<String, Sample> byPath = new HashMap<>();
        for (Sample s : relabelled.samples()) byPath.put(s.relativePath(), s);
        List<SourceFacts> out = new ArrayList<>();
        for (SourceFacts f : usable) {
            Sample now = byPath.get(f.sample().relativePath());
            if (now != null) out.add(f.withSample(now));
        }
        return out;
    }

    /** The unreadable files of the remaining classes (those of left-out classes are listed as skipped instead). */
    List<NotExported> leaveOutUnreadable(List<NotExported> unreadable, Dataset relabelled) {
        List<NotExported> out = new ArrayList<>();
        for (NotExported n : unreadable) {
            if (classes.containsKey(n.className())) continue;
            out.add(new NotExported(n.split(), relabelled.classNames().indexOf(n.className()), n.className(), n.relativePath(),
                    n.sha256(), n.status(), n.reason(), n.faceCount(), n.chosen()));
        }
        return out;
    }
}
