package org.ferworkbench.core.balance;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.random.SeededRandom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans oversampling of the train split (never the test split: that would leak). A class below the target
 * gets target - n augmented copies spread evenly over its sources: the sources are put in a seeded random
 * order and copy k is made from source k mod n, so no source gets more than one copy more than another.
 * A class above a fixed target keeps a seeded random subset of its originals.
 */
public final class BalancePlanner {

    public <T> BalancePlan<T> plan(List<T> train, Function<T, Sample> sampleOf, long seed, BalanceTarget target) {
        Map<String, List<T>> byClass = new TreeMap<>();
        for (T item : train) byClass.computeIfAbsent(sampleOf.apply(item).className(), k -> new ArrayList<>()).add(item);
        byClass.values().forEach(l -> l.sort(Comparator.comparing(i -> sampleOf.apply(i).relativePath())));

        int perClass = target.targetFor(byClass.values().stream().map(List::size).toList());
        List<PlannedImage<T>> images = new ArrayList<>();
        List<ClassBalance> classes = new ArrayList<>();
        for (Map.Entry<String, List<T>> e : byClass.entrySet()) {
            List<T> sources = e.getValue();
            int n = sources.size();
            List<T> kept = sources;
            int copies = 0;
            if (perClass >= 0 && n > perClass) {
                kept = subsample(sources, perClass, SeededRandom.derive(seed, "subsample", e.getKey()));
            } else if (perClass > n) {
                copies = perClass - n;
            }
            kept.forEach(s -> images.add(new PlannedImage<>(s, PlannedImage.ORIGINAL)));
            if (copies > 0) {
                List<T> order = new ArrayList<>(sources);
                SeededRandom.derive(seed, "copy-order", e.getKey()).shuffle(order);
                for (int k = 0; k < copies; k++) {
                    images.add(new PlannedImage<>(order.get(k % n), k / n));
                }
            }
            classes.add(new ClassBalance(e.getKey(), n, kept.size(), copies));
        }
        return new BalancePlan<>(images, classes, perClass);
    }

    private static <T> List<T> subsample(List<T> sources, int count, SeededRandom random) {
        List<T> shuffled = new ArrayList<>(sources);
        random.shuffle(shuffled);
        Set<T> chosen = new HashSet<>(shuffled.subList(0, count));
        List<T> kept = new ArrayList<>(count);
        for (T s : sources) if (chosen.contains(s)) kept.add(s);
        return kept;
    }
}
