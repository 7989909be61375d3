package org.ferworkbench.core.balance;

import java.util.List;

/** The train images to produce, class by class (originals in file order, then copies), and per-class totals. */
public record BalancePlan<T>(List<PlannedImage<T>> images, List<ClassBalance> classes, int target) {
    public BalancePlan {
        images = List.copyOf(images);
        classes = List.copyOf(classes);
    }
}
