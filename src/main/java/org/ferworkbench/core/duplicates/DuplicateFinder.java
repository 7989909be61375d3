package org.ferworkbench.core.duplicates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds groups of exact and near-duplicate images, so that a split can keep each group on one side.
 *
 * <p>Links: equal SHA-256 ({@link LinkKind#EXACT_FILE}); equal decoded pixels ({@link LinkKind#EXACT_PIXELS});
 * and, between images of different pixels, a DCT distance of at most {@code maxDistance} confirmed by the
 * thumbnails ({@link LinkKind#NEAR}, see {@link ThumbCheck}). Groups are the connected components of all links.
 * Images of equal pixels are searched once, through their first id, so 1,000 copies of a blank image cost one
 * search. Near pairs come from a {@link NearIndex}, never from comparing all pairs.
 */
public final class DuplicateFinder {
    /** Default near-duplicate threshold on the 64-bit DCT hash (measured: docs/duplicates.md). */
    public static final int DEFAULT_MAX_DISTANCE = 10;
    /** Default limit of {@link ThumbCheck} for a near link (measured: docs/duplicates.md). */
    public static final double DEFAULT_MAX_THUMB_DIFFERENCE = 0.25;
    /** The largest threshold: beyond it the index probes too many chunk values and unrelated faces match. */
    public static final int MAX_DISTANCE = 16;
    /** Fewer distinct images than this are searched on the calling thread: threads would cost more than they save. */
    private static final int PARALLEL_FROM = 4096;
    private static final int BLOCK = 1024;

    private final int maxDistance;
    private final double maxThumbDifference;
    private final int threads;

    /** @param maxDistance 0..16; 0 means exact duplicates only (no NEAR links) */
    public DuplicateFinder(int maxDistance) {
        this(maxDistance, DEFAULT_MAX_THUMB_DIFFERENCE, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param maxThumbDifference largest {@link ThumbCheck} difference of a near link (mean absolute difference of
     *                           normalised thumbnails)
     * @param threads            threads for the near search; the result does not depend on it
     */
    public DuplicateFinder(int maxDistance, double maxThumbDifference, int threads) {
        if (maxDistance < 0 || maxDistance > MAX_DISTANCE) {
            throw new IllegalArgumentException("maxDistance must be 0.." + MAX_DISTANCE + ", got " + maxDistance);
        }
        if (!(maxThumbDifference >= 0)) throw new IllegalArgumentException("maxThumbDifference must be >= 0");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        this.maxDistance = maxDistance;
        this.maxThumbDifference = maxThumbDifference;
        this.threads = threads;
    }

    public int maxDistance() {
        return maxDistance;
    }

    /**
     * Deterministic: same input (in any order) gives the same groups. Connected components of all links.
     *
     * @throws IllegalArgumentException when two candidates have the same id
     * @throws CancellationException    when the thread is interrupted during the near search
     */
    public DuplicateGroups find(List<DuplicateCandidate> images) {
        DuplicateCandidate[] all = images.toArray(new DuplicateCandidate[0]);
        Arrays.sort(all, Comparator.comparing(DuplicateCandidate::id));
        for (int i = 1; i < all.length; i++) {
            if (all[i].id().equals(all[i - 1].id())) throw new IllegalArgumentException("duplicate id: " + all[i].id());
        }
        Links links = new Links(all.length);
        linkEqualFiles(all, links);
        int[] distinct = linkEqualPixels(all, links);
        if (maxDistance > 0 && distinct.length > 1) linkNear(all, distinct, links);
        return links.groups(all);
    }

    private static void linkEqualFiles(DuplicateCandidate[] all, Links links) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i].sha256() == null) continue;
            Integer f = first.putIfAbsent(all[i].sha256(), i);
            if (f != null) links.add(f, i, LinkKind.EXACT_FILE, 0);
        }
    }

    /** Links equal pixels to the first image showing them; returns those first images (the distinct pictures). */
    private static int[] linkEqualPixels(DuplicateCandidate[] all, Links links) {
        Map<Fingerprint, Integer> first = new HashMap<>();
        int[] distinct = new int[all.length];
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            Fingerprint f = all[i].fingerprint();
            if (f == null) continue;
            Integer p = first.putIfAbsent(f, i);
            if (p == null) distinct[n++] = i;
            else if (!Objects.equals(all[p].sha256(), all[i].sha256()) || all[i].sha256() == null) {
                links.add(p, i, LinkKind.EXACT_PIXELS, 0);
            }
        }
        return Arrays.copyOf(distinct, n);
    }

    private void linkNear(DuplicateCandidate[] all, int[] distinct, Links links) {
        int n = distinct.length;
        long[] dct = new long[n], mirrored = new long[n];
        Fingerprint[] pictures = new Fingerprint[n];
        for (int r = 0; r < n; r++) {
            pictures[r] = all[distinct[r]].fingerprint();
            dct[r] = pictures[r].dct();
            mirrored[r] = pictures[r].dctMirrored();
        }
        NearSearch search = new NearSearch(dct, mirrored, new ThumbCheck(pictures), maxDistance, maxThumbDifference);
        int[] found = n < PARALLEL_FROM || threads == 1 ? search.links(0, n) : inParallel(search, n);
        for (int l = 0; l < found.length; l += 3) {
            links.add(distinct[found[l]], distinct[found[l + 1]], LinkKind.NEAR, found[l + 2]);
        }
    }

    private int[] inParallel(NearSearch search, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "duplicate-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<int[]>> parts = new ArrayList<>();
            for (int from = 0; from < n; from += BLOCK) {
                int start = from, end = Math.min(n, from + BLOCK);
                parts.add(pool.submit(() -> search.links(start, end)));
            }
            List<int[]> results = new ArrayList<>();
            int total = 0;
            for (Future<int[]> part : parts) {
                int[] p = part.get();
                results.add(p);
                total += p.length;
            }
            int[] out = new int[total];
            int at = 0;
            for (int[] p : results) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("duplicate search interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The links found, and the components they make. */
    private static final class Links {
        private final UnionFind sets;
        private final List<int[]> all = new ArrayList<>();   // {a, b, kind ordinal, distance}

        Links(int n) {
            sets = new UnionFind(n);
        }

        void add(int a, int b, LinkKind kind, int distance) {
            sets.union(a, b);
            all.add(new int[] {a, b, kind.ordinal(), distance});
        }

        DuplicateGroups groups(DuplicateCandidate[] images) {
            Map<Integer, EnumSet<LinkKind>> kinds = new HashMap<>();
            Map<Integer, Integer> distance = new HashMap<>();
            for (int[] link : all) {
                int root = sets.find(link[0]);
                kinds.computeIfAbsent(root, r -> EnumSet.noneOf(LinkKind.class)).add(LinkKind.values()[link[2]]);
                distance.merge(root, link[3], Math::max);
            }
            // images are sorted by id and a root is the smallest index of its set, i.e. the group's first id:
            // visiting roots in ascending order numbers the groups by their first member
            Map<Integer, List<Integer>> members = new TreeMap<>();
            for (int i = 0; i < images.length; i++) {
                int root = sets.find(i);
                if (kinds.containsKey(root)) members.computeIfAbsent(root, r -> new ArrayList<>()).add(i);
            }
            List<DuplicateGroup> groups = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
                List<String> ids = new ArrayList<>();
                TreeSet<String> classes = new TreeSet<>();
                for (int i : e.getValue()) {
                    ids.add(images[i].id());
                    classes.add(images[i].className());
                }
                groups.add(new DuplicateGroup(groups.size() + 1, ids, kinds.get(e.getKey()), new ArrayList<>(classes),
                        distance.get(e.getKey())));
            }
            return groups.isEmpty() ? DuplicateGroups.NONE : new DuplicateGroups(groups);
        }
    }
}
