package org.ferworkbench.core.identity;

import org.ferworkbench.core.duplicates.UnionFind;
import org.ferworkbench.core.random.SeededRandom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups faces into identities: faces closer than the threshold are linked, and the links are clustered with
 * Chinese whispers (the label propagation dlib uses for the same descriptors): each face takes the label most of its
 * linked neighbours carry, weighted by closeness, until nothing changes. Unlike plain connected components, one chance
 * link between two people does not merge them, so no large blob of strangers forms. Deterministic: faces are visited
 * in an order drawn from a fixed seed over faces sorted by id.
 */
public final class IdentityClusters {
    /** dlib's own rule for its face descriptors: same person below 0.6. */
    public static final double DEFAULT_THRESHOLD = 0.6;
    private static final int MAX_ROUNDS = 100;

    /** One face to cluster: its image id and descriptor. */
    public record Face(String id, FaceDescriptor descriptor) { }

    /** An identity of two or more faces: image ids, sorted. */
    public record Identity(int id, List<String> members) {
        public Identity {
            members = List.copyOf(members);
        }
    }

    private final double threshold;

    public IdentityClusters(double threshold) {
        checkThreshold(threshold);
        this.threshold = threshold;
    }

    public static void checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 2)) {
            throw new IllegalArgumentException("identity threshold must be above 0 and at most 2 (descriptors lie on a unit sphere), got "
                    + threshold);
        }
    }

    /** The identities of two or more faces, numbered 1..n in the order of their first member. */
    public List<Identity> cluster(List<Face> faces) {
        Face[] sorted = faces.toArray(Face[]::new);
        Arrays.sort(sorted, Comparator.comparing(Face::id));
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].id().equals(sorted[i - 1].id())) throw new IllegalArgumentException("duplicate face id: " + sorted[i].id());
        }
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        links(sorted, edges, weights);
        int[] label = whispers(sorted.length, edges, weights);

        Map<Integer, List<String>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < sorted.length; i++) byLabel.computeIfAbsent(label[i], k -> new ArrayList<>()).add(sorted[i].id());
        List<List<String>> groups = new ArrayList<>();
        for (List<String> members : byLabel.values()) if (members.size() > 1) groups.add(members);
        groups.sort(Comparator.comparing(m -> m.get(0)));
        List<Identity> out = new ArrayList<>(groups.size());
        for (List<String> m : groups) out.add(new Identity(out.size() + 1, m));
        return out;
    }

    /**
     * Every pair closer than the threshold. Faces are sorted by their projection on the mean descriptor's direction:
     * two faces whose projections differ by more than the threshold are farther apart than that (a projection never
     * lengthens a distance), so each face is compared only within a window, not with every other face.
     */
    private void links(Face[] faces, List<int[]> edges, List<Double> weights) {
        int n = faces.length;
        if (n < 2) return;
        double[] axis = new double[FaceDescriptor.SIZE];
        for (Face f : faces) for (int d = 0; d < axis.length; d++) axis[d] += f.descriptor().at(d);
        double norm = 0;
        for (double a : axis) norm += a * a;
        norm = Math.sqrt(norm);
        if (norm == 0) axis[0] = norm = 1;
        double[] projection = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int d = 0; d < axis.length; d++) p += axis[d] * faces[i].descriptor().at(d);
            projection[i] = p / norm;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> projection[i]).thenComparingInt(i -> i));
        double limit = threshold * threshold;
        for (int a = 0; a < n; a++) {
            int i = order[a];
            for (int b = a + 1; b < n && projection[order[b]] - projection[i] < threshold; b++) {
                int j = order[b];
                double d2 = faces[i].descriptor().squaredDistance(faces[j].descriptor());
                if (d2 < limit) {
                    edges.add(new int[] {Math.min(i, j), Math.max(i, j)});
                    weights.add(1 - Math.sqrt(d2) / threshold);
                }
            }
        }
    }

    /** Chinese whispers over the links; each face starts with a label of its own. */
    private static int[] whispers(int n, List<int[]> edges, List<Double> weights) {
        List<List<Integer>> neighbours = new ArrayList<>(n);
        List<List<Double>> closeness = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            neighbours.add(new ArrayList<>());
            closeness.add(new ArrayList<>());
        }
        // edges were found in projection order: sort them so the result depends only on the faces
        Integer[] byPair = new Integer[edges.size()];
        for (int e = 0; e < byPair.length; e++) byPair[e] = e;
        Arrays.sort(byPair, Comparator.comparingInt((Integer e) -> edges.get(e)[0]).thenComparingInt(e -> edges.get(e)[1]));
        for (int e : byPair) {
            int a = edges.get(e)[0], b = edges.get(e)[1];
            double w = Math.max(weights.get(e), 1e-6);
            neighbours.get(a).add(b);
            closeness.get(a).add(w);
            neighbours.get(b).add(a);
            closeness.get(b).add(w);
        }
        int[] label = new int[n];
        for (int i = 0; i < n; i++) label[i] = i;
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) if (!neighbours.get(i).isEmpty()) order.add(i);
        SeededRandom random = SeededRandom.derive(0L, "identity-clusters");
        Map<Integer, Double> votes = new HashMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            random.shuffle(order);
            boolean changed = false;
            for (int i : order) {
                votes.clear();
                List<Integer> ns = neighbours.get(i);
                for (int k = 0; k < ns.size(); k++) votes.merge(label[ns.get(k)], closeness.get(i).get(k), Double::sum);
                int best = label[i];
                double bestVote = -1;
                for (Map.Entry<Integer, Double> v : votes.entrySet()) {
                    // ties go to the smaller label, so the outcome does not depend on the map's order
                    if (v.getValue() > bestVote || (v.getValue() == bestVote && v.getKey() < best)) {
                        best = v.getKey();
                        bestVote = v.getValue();
                    }
                }
                if (best != label[i]) {
                    label[i] = best;
                    changed = true;
                }
            }
            if (!changed) break;
        }
        return label;
    }

    /** Plain connected components of the links, for comparison in measurements (chains merge strangers). */
    public List<Identity> components(List<Face> faces) {
        Face[] sorted = faces.toArray(Face[]::new);
        Arrays.sort(sorted, Comparator.comparing(Face::id));
        List<int[]> edges = new ArrayList<>();
        links(sorted, edges, new ArrayList<>());
        UnionFind uf = new UnionFind(sorted.length);
        for (int[] e : edges) uf.union(e[0], e[1]);
        Map<Integer, List<String>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < sorted.length; i++) byRoot.computeIfAbsent(uf.find(i), k -> new ArrayList<>()).add(sorted[i].id());
        List<Identity> out = new ArrayList<>();
        for (List<String> m : byRoot.values()) if (m.size() > 1) out.add(new Identity(out.size() + 1, m));
        return out;
    }
}
