package org.ferworkbench.core.report;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.augment.AugmentationParameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What augmentation really did to one class's train copies: the augmentations drawn (every attempt, exported or
 * discarded), those exported, the rotation left after eye alignment, the attempts discarded and why, and how the
 * copies spread over the sources. The plan draws rotation uniformly from its range; in the study's order
 * (augment, then detect, then align) alignment turns most of it back, and re-drawing copies whose face was lost
 * favours small rotations. This is the record of both, for summary.json and the front ends.
 *
 * <p>Net rotation of an exported copy: its rotation relative to its source's exported original, measured before the
 * flip (a mirrored copy is compared with its source mirrored back). Augmenting rotates counter-clockwise by r, then
 * flips; alignment then rotates by the copy's eye angle a_c, where the original was rotated by a_0 (all degrees,
 * OpenCV's sign). Study order: net = r + a_c - a_0 (flipped: r - a_c - a_0); detect-first order, where the aligned
 * face is augmented: net = r. Without detection nothing is aligned: net = r.
 *
 * <p>Fed by one writer thread, in plan order; not thread-safe.
 */
public final class AugmentationTally {
    /** Bins of the net-rotation histogram: 10 degrees each from -90 to 90 (values beyond fall in the end bins). */
    static final double NET_MIN = -90, NET_MAX = 90;
    static final int NET_BINS = 18;
    static final int ROTATION_BINS = 9;
    static final int BRIGHTNESS_BINS = 8;

    private final AugmentationParameters parameters;
    private final boolean alignedBeforeAugmenting;
    private final Values drawnRotation = new Values();
    private final Values drawnBrightness = new Values();
    private int drawnFlipped;
    private final Values exportedRotation = new Values();
    private final Values exportedBrightness = new Values();
    private int exportedFlipped;
    private final Map<String, Integer> discarded = new TreeMap<>();
    private final Map<String, Integer> plannedBySource = new HashMap<>();
    private final Map<String, Integer> exportedBySource = new HashMap<>();
    private final Map<String, Double> originalAngle = new HashMap<>();
    private final List<ExportedCopy> copies = new ArrayList<>();

    private record ExportedCopy(String source, Augmentation augmentation, double alignment) { }

    /**
     * @param alignedBeforeAugmenting detect-first order or no detection: the rotation drawn is the rotation exported
     */
    public AugmentationTally(AugmentationParameters parameters, boolean alignedBeforeAugmenting) {
        this.parameters = parameters;
        this.alignedBeforeAugmenting = alignedBeforeAugmenting;
    }

    /** A copy the plan put on {@code source} (before any face was lost). */
    public void planned(String source) {
        plannedBySource.merge(source, 1, Integer::sum);
    }

    /** The train original of {@code source} was exported, levelled by {@code alignment} degrees. */
    public void original(String source, double alignment) {
        originalAngle.put(source, alignment);
    }

    /** An attempt that did not become a row: what was drawn, and why it was discarded. */
    public void discarded(Augmentation a, String reason) {
        drawn(a);
        discarded.merge(reason, 1, Integer::sum);
    }

    /** An exported copy of {@code source} (the source it was finally made from), levelled by {@code alignment}. */
    public void exported(String source, Augmentation a, double alignment) {
        drawn(a);
        exportedRotation.add(a.rotationDegrees());
        exportedBrightness.add(a.brightness());
        if (a.flipped()) exportedFlipped++;
        exportedBySource.merge(source, 1, Integer::sum);
        copies.add(new ExportedCopy(source, a, alignment));
    }

    private void drawn(Augmentation a) {
        drawnRotation.add(a.rotationDegrees());
        drawnBrightness.add(a.brightness());
        if (a.flipped()) drawnFlipped++;
    }

    public int drawnCount() {
        return drawnRotation.size();
    }

    public int exportedCount() {
        return exportedRotation.size();
    }

    public Map<String, Integer> discardedByReason() {
        return Map.copyOf(discarded);
    }

    /** Net rotation of every exported copy (see the class comment), in export order. */
    public double[] netRotations() {
        double[] out = new double[copies.size()];
        for (int i = 0; i < out.length; i++) {
            ExportedCopy c = copies.get(i);
            double r = c.augmentation().rotationDegrees();
            if (alignedBeforeAugmenting) {
                out[i] = r;
            } else {
                double a0 = originalAngle.getOrDefault(c.source(), 0.0);
                out[i] = c.augmentation().flipped() ? r - c.alignment() - a0 : r + c.alignment() - a0;
            }
        }
        return out;
    }

    /** Rotations drawn (every attempt), over the configured range. */
    public Histogram drawnRotation() {
        return Histogram.of(drawnRotation.sorted(), rotationMin(), rotationMax(), ROTATION_BINS);
    }

    /** Rotations of the exported copies, over the configured range. */
    public Histogram exportedRotation() {
        return Histogram.of(exportedRotation.sorted(), rotationMin(), rotationMax(), ROTATION_BINS);
    }

    /** Net rotation of the exported copies, 10-degree bins from -90 to 90. */
    public Histogram netRotation() {
        return Histogram.of(netRotations(), NET_MIN, NET_MAX, NET_BINS);
    }

    public int drawnFlipped() {
        return drawnFlipped;
    }

    public int exportedFlipped() {
        return exportedFlipped;
    }

    /** Median of the exported copies' net rotation magnitude: how much rotation survives into the arrays. */
    public double medianAbsoluteNetRotation() {
        double[] net = netRotations();
        for (int i = 0; i < net.length; i++) net[i] = Math.abs(net[i]);
        Arrays.sort(net);
        return Values.quantile(net, 0.5);
    }

    public double meanDrawnRotation() {
        return drawnRotation.mean();
    }

    public double meanExportedRotation() {
        return exportedRotation.mean();
    }

    public double meanDrawnBrightness() {
        return drawnBrightness.mean();
    }

    public double meanExportedBrightness() {
        return exportedBrightness.mean();
    }

    private double rotationMin() {
        return parameters.rotate() ? parameters.rotationMin() : 0;
    }

    private double rotationMax() {
        return parameters.rotate() ? parameters.rotationMax() : 0;
    }

    /** The JSON view: plain maps, stable key order. */
    public Map<String, Object> toJson() {
        double rMin = rotationMin(), rMax = rotationMax();
        double bMin = parameters.brighten() ? parameters.brightnessMin() : 1, bMax = parameters.brighten() ? parameters.brightnessMax() : 1;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drawn", side(drawnRotation, drawnBrightness, drawnFlipped, rMin, rMax, bMin, bMax));
        m.put("exported", side(exportedRotation, exportedBrightness, exportedFlipped, rMin, rMax, bMin, bMax));
        Values net = new Values();
        for (double v : netRotations()) net.add(v);
        m.put("netRotation", net.summary(NET_MIN, NET_MAX, NET_BINS));
        m.put("discarded", new TreeMap<>(discarded));
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("planned", spread(plannedBySource));
        spread.put("exported", spread(exportedBySource));
        m.put("copiesPerSource", spread);
        return m;
    }

    private static Map<String, Object> side(Values rotation, Values brightness, int flipped, double rMin, double rMax,
                                            double bMin, double bMax) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", rotation.size());
        m.put("rotation", rotation.summary(rMin, rMax, ROTATION_BINS));
        m.put("brightness", brightness.summary(bMin, bMax, BRIGHTNESS_BINS));
        m.put("flipped", flipped);
        return m;
    }

    /** Fewest and most copies on one source, over the sources that got any. */
    private static Map<String, Object> spread(Map<String, Integer> bySource) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sources", bySource.size());
        m.put("min", bySource.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        m.put("max", bySource.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        return m;
    }

    /** A growing list of numbers with the summary the report gives of them. */
    static final class Values {
        private double[] v = new double[16];
        private int n;

        void add(double x) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = x;
        }

        int size() {
            return n;
        }

        double[] sorted() {
            double[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            return s;
        }

        double mean() {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += v[i];
            return n == 0 ? 0 : sum / n;
        }

        /** Count, mean, median, 5th and 95th percentiles and a histogram of equal bins over [lo, hi]. */
        Map<String, Object> summary(double lo, double hi, int bins) {
            double[] sorted = sorted();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", round(mean()));
            m.put("median", round(quantile(sorted, 0.5)));
            m.put("p5", round(quantile(sorted, 0.05)));
            m.put("p95", round(quantile(sorted, 0.95)));
            m.put("histogram", Histogram.of(sorted, lo, hi, bins).toJson());
            return m;
        }

        static double quantile(double[] sorted, double q) {
            if (sorted.length == 0) return 0;
            double pos = q * (sorted.length - 1);
            int i = (int) Math.floor(pos);
            int j = Math.min(sorted.length - 1, i + 1);
            return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
        }

        private static double round(double x) {
            return Math.round(x * 1000) / 1000.0;
        }
    }
}
