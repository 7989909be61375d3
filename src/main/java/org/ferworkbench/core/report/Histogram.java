package org.ferworkbench.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of values in equal bins over [lo, hi]; a value below lo counts in the first bin, one above hi in the last
 * (so every value is counted). Bin i covers [lo + i w, lo + (i + 1) w), the last one includes hi.
 */
public record Histogram(double lo, double hi, int[] counts) {

    public static Histogram of(double[] values, double lo, double hi, int bins) {
        if (!(hi > lo)) bins = 1;
        int[] counts = new int[bins];
        double width = bins == 1 ? 1 : (hi - lo) / bins;
        for (double x : values) {
            int i = bins == 1 ? 0 : (int) Math.floor((x - lo) / width);
            counts[Math.max(0, Math.min(bins - 1, i))]++;
        }
        return new Histogram(lo, hi, counts);
    }

    public int bins() {
        return counts.length;
    }

    /** The lower edge of bin i. */
    public double edge(int i) {
        return counts.length == 1 && !(hi > lo) ? lo : lo + i * (hi - lo) / counts.length;
    }

    public int total() {
        int t = 0;
        for (int c : counts) t += c;
        return t;
    }

    Map<String, Object> toJson() {
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= counts.length; i++) edges.add(Math.round(edge(i) * 1e6) / 1e6);
        if (!(hi > lo)) edges = List.of(lo, hi);
        List<Integer> c = new ArrayList<>();
        for (int x : counts) c.add(x);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("edges", edges);
        m.put("counts", c);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.lo == lo && h.hi == hi && java.util.Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(lo, hi, java.util.Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "Histogram[" + lo + ".." + hi + " " + java.util.Arrays.toString(counts) + "]";
    }
}
