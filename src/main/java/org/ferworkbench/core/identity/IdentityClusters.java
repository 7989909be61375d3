package org.ferworkbench.core.identity;

import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.duplicates.UnionFind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups faces into identities by average linkage (UPGMA) at a distance threshold: starting from single faces, the
 * two identities whose faces are closest on average (mean distance over all their pairs of faces) merge, closest
 * first, while that mean is below the threshold.
 *
 * <p>Why average linkage: on real FER data (docs/identities.md) a chance link between two people is common, so
 * connected components of the links merge hundreds of strangers, and Chinese whispers leaves one person's photos in
 * many small clusters (a person split over clusters is a person on both sides of the split). The mean over all pairs
 * needs many close pairs to merge two large identities, and still gathers a person's photos.
 *
 * <p>Exact and sparse: two identities whose mean distance is below the threshold have at least one pair of faces
 * below it, so only identities joined by such a link are ever compared, and their pair sums are exact (computed over
 * all pairs when first needed). Deterministic: the result depends only on the faces, not their order.
 */
public final class IdentityClusters {
    /** Chosen from measurements on CK+48 and muxspace_fer6 (docs/identities.md). */
    public static final double DEFAULT_THRESHOLD = 0.6;

    /**
     * Links (pairs closer than the threshold) allowed per face on average. Real identities link a face to its person's
     * other photos; far more links mean the descriptors do not tell these people apart at this threshold (e.g. tiny
     * greyscale faces), where clustering would merge strangers into blobs and need memory quadratic in the faces.
     */
    static final int MAX_LINKS_PER_FACE = 64;

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
            throw new IllegalArgumentException("identity threshold must be above 0 and at most 2 (same-person distances are about 0.4-0.6), got "
                    + threshold);
        }
    }

    /** The identities of two or more faces, numbered 1..n in the order of their first member. */
    public List<Identity> cluster(List<Face> faces) {
        Face[] sorted = sortedById(faces);
        List<int[]> edges = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        links(sorted, edges, distances);
        return identities(sorted, new AverageLinkage(sorted, threshold).run(edges, distances));
    }

    private static Face[] sortedById(List<Face> faces) {
        Face[] sorted = faces.toArray(Face[]::new);
        Arrays.sort(sorted, Comparator.comparing(Face::id));
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].id().equals(sorted[i - 1].id())) throw new IllegalArgumentException("duplicate face id: " + sorted[i].id());
        }
        return sorted;
    }

    /** Identities of two or more faces from each face's cluster label, numbered in the order of their first member. */
    private static List<Identity> identities(Face[] sorted, int[] label) {
        Map<Integer, List<String>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < sorted.length; i++) byLabel.computeIfAbsent(label[i], k -> new ArrayList<>()).add(sorted[i].id());
        List<Identity> out = new ArrayList<>();
        for (List<String> members : byLabel.values()) if (members.size() > 1) out.add(new Identity(out.size() + 1, members));
        return out;
    }

    /**
     * Every pair closer than the threshold. Faces are sorted by their projection on the mean descriptor's direction:
     * two faces whose projections differ by more than the threshold are farther apart than that (a projection never
     * lengthens a distance), so each face is compared only within a window, not with every other face.
     */
    private void links(Face[] faces, List<int[]> edges, List<Double> distances) {
        int n = faces.length;
        if (n < 2) return;
        double[] axis = new double[FaceDescriptor.LENGTH];
        for (Face f : faces) for (int d = 0; d < axis.length; d++) axis[d] += f.descriptor().get(d);
        double norm = 0;
        for (double a : axis) norm += a * a;
        norm = Math.sqrt(norm);
        if (norm == 0) axis[0] = norm = 1;
        double[] projection = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int d = 0; d < axis.length; d++) p += axis[d] * faces[i].descriptor().get(d);
            projection[i] = p / norm;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> projection[i]).thenComparingInt(i -> i));
        double limit = threshold * threshold;
        long budget = (long) MAX_LINKS_PER_FACE * n;
        for (int a = 0; a < n; a++) {
            int i = order[a];
            for (int b = a + 1; b < n && projection[order[b]] - projection[i] < threshold; b++) {
                int j = order[b];
                double d2 = faces[i].descriptor().squaredDistance(faces[j].descriptor());
                if (d2 < limit) {
                    edges.add(new int[] {Math.min(i, j), Math.max(i, j)});
                    distances.add(Math.sqrt(d2));
                    if (edges.size() > budget) throw tooManyLinks(n);
                }
            }
        }
    }

    /**
     * The identities as a reviewer corrected them. First, each image of a set in {@code separated} leaves the identity
     * it was clustered into ("not this person"; a whole identity's images: "not one person"). Then each set in
     * {@code samePerson} joins the identities its images are in, and its other images, into one ("same person");
     * separated images are not joined again. Identities of fewer than two images are dropped; the others keep the
     * number of their first identity, a joined one the smallest of its parts (or a new number after all others).
     */
    public static List<Identity> withDecisions(List<Identity> identities, List<java.util.Set<String>> separated,
                                               List<java.util.Set<String>> samePerson) {
        if (separated.isEmpty() && samePerson.isEmpty()) return identities;
        java.util.Set<String> out = new java.util.HashSet<>();
        separated.forEach(out::addAll);
        java.util.Map<Integer, java.util.TreeSet<String>> byId = new java.util.TreeMap<>();
        Map<String, Integer> idOf = new java.util.HashMap<>();
        for (Identity i : identities) {
            java.util.TreeSet<String> members = new java.util.TreeSet<>();
            for (String m : i.members()) {
                if (out.contains(m)) continue;
                members.add(m);
                idOf.put(m, i.id());
            }
            byId.put(i.id(), members);
        }
        int next = identities.stream().mapToInt(Identity::id).max().orElse(0) + 1;
        for (java.util.Set<String> same : samePerson) {
            java.util.TreeSet<String> joined = new java.util.TreeSet<>();
            java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
            for (String m : same) {
                if (out.contains(m)) continue;
                joined.add(m);
                Integer id = idOf.get(m);
                if (id != null) ids.add(id);
            }
            for (int id : ids) joined.addAll(byId.remove(id));
            int target = ids.isEmpty() ? next++ : ids.first();
            for (String m : joined) idOf.put(m, target);
            byId.put(target, joined);
        }
        List<Identity> kept = new ArrayList<>();
        for (Map.Entry<Integer, java.util.TreeSet<String>> e : byId.entrySet()) {
            if (e.getValue().size() > 1) kept.add(new Identity(e.getKey(), List.copyOf(e.getValue())));
        }
        return kept;
    }

    private IllegalArgumentException tooManyLinks(int faces) {
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "identity grouping stopped: at threshold %.2f "
                + "the %,d faces have more than %d links each on average, so the face descriptors do not tell these people "
                + "apart (docs/identities.md); lower --identity-threshold or group by none", threshold, faces, MAX_LINKS_PER_FACE));
    }

    /** Plain connected components of the links, for comparison in measurements (chains merge strangers). */
    public List<Identity> components(List<Face> faces) {
        Face[] sorted = sortedById(faces);
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
