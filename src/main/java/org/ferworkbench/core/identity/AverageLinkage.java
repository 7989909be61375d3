package org.ferworkbench.core.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Average-linkage clustering over the sparse links of {@link IdentityClusters}: clusters joined by at least one link
 * are the only candidates (a mean below the threshold needs a pair below it), each candidate pair's distance sum is
 * exact over all its face pairs, and the closest pair merges first while its mean is below the threshold.
 *
 * <p>Candidates wait in a heap; a merge makes the merged cluster's old entries stale (a version number per cluster),
 * and the new cluster's sums with its neighbours are the sums of its two parts, each computed over all face pairs
 * when it was not known yet. Ties go to the pair of smaller cluster numbers, so the result depends on the faces only.
 */
final class AverageLinkage {
    private final IdentityClusters.Face[] faces;
    private final double threshold;
    private final List<List<Integer>> members = new ArrayList<>();
    private final List<Map<Integer, Double>> sums = new ArrayList<>();
    private final int[] version;

    private record Candidate(double mean, int a, int b, int versionA, int versionB) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Double.compare(mean, o.mean);
            if (c != 0) return c;
            c = Integer.compare(a, o.a);
            return c != 0 ? c : Integer.compare(b, o.b);
        }
    }

    AverageLinkage(IdentityClusters.Face[] faces, double threshold) {
        this.faces = faces;
        this.threshold = threshold;
        this.version = new int[faces.length];
        for (int i = 0; i < faces.length; i++) {
            List<Integer> m = new ArrayList<>(1);
            m.add(i);
            members.add(m);
            sums.add(new HashMap<>());
        }
    }

    /** Each face's cluster: the smallest face index in it. */
    int[] run(List<int[]> edges, List<Double> distances) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>();
        for (int e = 0; e < edges.size(); e++) {
            int a = edges.get(e)[0], b = edges.get(e)[1];
            double d = distances.get(e);
            sums.get(a).put(b, d);
            sums.get(b).put(a, d);
            heap.add(new Candidate(d, a, b, 0, 0));
        }
        for (Candidate c; (c = heap.poll()) != null; ) {
            if (c.mean() >= threshold) break;
            if (members.get(c.a()) == null || members.get(c.b()) == null
                    || version[c.a()] != c.versionA() || version[c.b()] != c.versionB()) {
                continue;
            }
            merge(c.a(), c.b(), heap);
        }
        int[] label = new int[faces.length];
        for (int c = 0; c < faces.length; c++) {
            if (members.get(c) != null) for (int f : members.get(c)) label[f] = c;
        }
        return label;
    }

    /** Merges cluster {@code b} into {@code a} ({@code a < b}, so a cluster is named by its smallest face). */
    private void merge(int a, int b, PriorityQueue<Candidate> heap) {
        Map<Integer, Double> sumsA = sums.get(a), sumsB = sums.get(b);
        TreeSet<Integer> neighbours = new TreeSet<>(sumsA.keySet());
        neighbours.addAll(sumsB.keySet());
        neighbours.remove(a);
        neighbours.remove(b);
        Map<Integer, Double> merged = new HashMap<>();
        for (int k : neighbours) {
            double sum = sumOr(sumsA, a, k) + sumOr(sumsB, b, k);
            merged.put(k, sum);
            Map<Integer, Double> other = sums.get(k);
            other.remove(b);
            other.put(a, sum);
        }
        members.get(a).addAll(members.get(b));
        members.set(b, null);
        sums.set(b, null);
        sums.set(a, merged);
        version[a]++;
        int sizeA = members.get(a).size();
        for (int k : neighbours) {
            double mean = merged.get(k) / ((double) sizeA * members.get(k).size());
            if (mean < threshold) heap.add(new Candidate(mean, Math.min(a, k), Math.max(a, k), version[Math.min(a, k)], version[Math.max(a, k)]));
        }
    }

    /** The known distance sum between clusters {@code c} and {@code k}, or the sum over all their face pairs. */
    private double sumOr(Map<Integer, Double> known, int c, int k) {
        Double s = known.get(k);
        if (s != null) return s;
        double sum = 0;
        for (int i : members.get(c)) {
            for (int j : members.get(k)) sum += faces[i].descriptor().distance(faces[j].descriptor());
        }
        return sum;
    }
}
