package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.dataset.SkippedFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classes left with no usable image once unreadable files and review rejections are taken out. Exporting such a class
 * would give a label with zero rows, which trains a model on nothing and passes unnoticed, so it stops the export
 * (naming the class) unless the user asked to leave such classes out; then the remaining classes are labelled
 * 0..K-1 again, in the same order, and the left-out files are listed as not used.
 */
final class EmptyClasses {
    /** Per empty class: unreadable and rejected counts, in label order. */
    private final Map<String, int[]> classes;

    private EmptyClasses(Map<String, int[]> classes) {
        this.classes = classes;
    }

    static EmptyClasses find(Dataset dataset, SourceInspector.Inspection inspection, Set<String> rejected) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // usable, unreadable, rejected
        for (String c : dataset.classNames()) counts.put(c, new int[3]);
        for (SourceImage s : inspection.usable()) {
            counts.get(s.sample().className())[rejected.contains(s.sample().relativePath()) ? 2 : 0]++;
        }
        for (UnusableSource u : inspection.unusable()) counts.get(u.sample().className())[1]++;
        Map<String, int[]> empty = new LinkedHashMap<>();
        counts.forEach((c, n) -> {
            if (n[0] == 0) empty.put(c, new int[]{n[1], n[2]});
        });
        return new EmptyClasses(empty);
    }

    /** Review rejections that name no image of the dataset, sorted. */
    static List<String> unknownRejections(Dataset dataset, Set<String> rejected) {
        Set<String> known = new HashSet<>();
        for (Sample s : dataset.samples()) known.add(s.relativePath());
        return rejected.stream().filter(r -> !known.contains(r)).sorted().toList();
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
        String first = classes.keySet().iterator().next();
        String others = classes.size() == 1 ? "" : " (and " + String.join(", ", quoted(classes.keySet()).subList(1, classes.size())) + ")";
        return new DatasetException("Class '" + first + "' has no usable image (" + why(first) + ")" + others
                + ": an export would have a label with no rows. Fix or remove the class folder, undo the rejections, "
                + "or add --skip-empty-classes to leave such classes out");
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        for (String c : classes.keySet()) parts.add("'" + c + "' (" + why(c) + ")");
        return "Left out " + (classes.size() == 1 ? "the class " : "the classes ") + String.join(", ", parts)
                + ": no usable image; the other classes are labelled 0.." + "K-1 again in folder order (see classes.json)";
    }

    /** The dataset without the empty classes, labels renumbered; their files are listed as not used. */
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

    /** The inspection over {@code relabelled}: sources of left-out classes dropped, the others carry their new label. */
    SourceInspector.Inspection leaveOut(SourceInspector.Inspection inspection, Dataset relabelled) {
        Map<String, Sample> byPath = new HashMap<>();
        for (Sample s : relabelled.samples()) byPath.put(s.relativePath(), s);
        List<SourceImage> usable = new ArrayList<>();
        for (SourceImage s : inspection.usable()) {
            Sample now = byPath.get(s.sample().relativePath());
            if (now != null) usable.add(new SourceImage(now, s.sha256(), s.width(), s.height()));
        }
        List<UnusableSource> unusable = new ArrayList<>();
        for (UnusableSource u : inspection.unusable()) {
            Sample now = byPath.get(u.sample().relativePath());
            if (now != null) unusable.add(new UnusableSource(now, u.reason()));
        }
        return new SourceInspector.Inspection(usable, unusable);
    }

    /**
     * With detection on, a class whose train sources all lack the face the train policy wants has nothing to train on
     * (balancing cannot copy from no source): stop and say which class and why.
     */
    static void requireTrainImages(Dataset dataset, List<SourceImage> train, Map<String, ClassReport> reports) throws DatasetException {
        Set<String> withTrain = new HashSet<>();
        for (SourceImage s : train) withTrain.add(s.sample().className());
        for (String c : dataset.classNames()) {
            if (withTrain.contains(c)) continue;
            ClassReport r = reports.get(c);
            throw new DatasetException("Class '" + c + "' has no train image left to export (" + r.splitTrain + " in the train split, "
                    + r.rejected + " of the class rejected in review, dropped by the face stage: " + r.dropped
                    + "); choose --train-faces largest, lower --min-face, or --no-detect for already cropped images");
        }
    }

    private static List<String> quoted(Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList();
    }
}
