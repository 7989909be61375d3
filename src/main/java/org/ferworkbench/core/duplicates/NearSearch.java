package org.ferworkbench.core.duplicates;

import java.util.Arrays;

/**
 * The near pairs among distinct pictures: candidates from the {@link NearIndex} (queried with each hash and its
 * mirror, so a mirrored copy is found), kept when the full symmetric DCT distance is within the threshold and
 * the thumbnails agree. Safe to run on several threads over disjoint ranges: it only reads shared state.
 */
final class NearSearch {
    private final long[] dct, mirrored;
    private final ThumbCheck thumbs;
    private final int maxDistance;
    private final double maxThumbDifference;
    private final NearIndex index;

    NearSearch(long[] dct, long[] mirrored, ThumbCheck thumbs, int maxDistance, double maxThumbDifference) {
        this.dct = dct;
        this.mirrored = mirrored;
        this.thumbs = thumbs;
        this.maxDistance = maxDistance;
        this.maxThumbDifference = maxThumbDifference;
        this.index = new NearIndex(dct, mirrored, NearIndex.radius(maxDistance));
    }

    /** The same distance as {@link Fingerprint#distance}. */
    int distance(int a, int b) {
        int direct = Long.bitCount(dct[a] ^ dct[b]);
        int mirror = Math.min(Long.bitCount(dct[a] ^ mirrored[b]), Long.bitCount(mirrored[a] ^ dct[b]));
        return Math.min(direct, mirror);
    }

    /**
     * The near links found from the pictures from..to-1, as triples (a, b, distance): enough of them to connect
     * what the range connects and to give each component its largest distance, no more. A thousand pictures
     * that all match one another (say, blank images of different colours) are a million pairs, but 999 links;
     * a pair already connected by links at least as close skips the thumbnail check too.
     *
     * <p>A pair whose only close match is this picture's hash against the other's mirror is found from the other
     * side (its mirror query reaches this picture's hash), so all ranges together find every pair.
     */
    int[] links(int from, int to) {
        Forest forest = new Forest(dct.length);
        search(from, to, forest);
        return forest.links();
    }

    /** Every near pair (smaller index << 32 | larger) found from from..to-1, some twice: for measurements only. */
    long[] pairs(int from, int to) {
        AllPairs all = new AllPairs();
        search(from, to, all);
        return all.pairs();
    }

    private void search(int from, int to, Sink sink) {
        int[] seenBy = new int[dct.length];
        Arrays.fill(seenBy, -1);
        for (int i = from; i < to; i++) {
            if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("duplicate search interrupted");
            probe(i, dct[i], seenBy, sink);
            if (mirrored[i] != dct[i]) probe(i, mirrored[i], seenBy, sink);
        }
    }

    /** Checks the pictures that share a chunk, within the radius, with {@code query} (picture i's hash or mirror). */
    private void probe(int i, long query, int[] seenBy, Sink sink) {
        long d0 = dct[i], m0 = mirrored[i];
        for (int k = 0; k < NearIndex.CHUNKS; k++) {
            int c = NearIndex.chunk(query, k);
            int[] start = index.offsets[k], ids = index.pictures[k];
            long[] both = index.hashes[k];
            for (int mask : index.masks) {
                int b = c ^ mask;
                for (int e = start[b], end = start[b + 1]; e < end; e++) {
                    long d1 = both[2 * e], m1 = both[2 * e + 1];
                    int d = Math.min(Long.bitCount(d0 ^ d1), Math.min(Long.bitCount(d0 ^ m1), Long.bitCount(m0 ^ d1)));
                    if (d > maxDistance) continue;
                    int j = ids[e];
                    if (j == i || seenBy[j] == i) continue;   // each partner once per picture
                    seenBy[j] = i;
                    sink.near(i, j, d);
                }
            }
        }
    }

    private interface Sink {
        /** Pictures a and b have DCT distance d within the threshold; the thumbnails are not checked yet. */
        void near(int a, int b, int d);
    }

    /** Links that add something: a new connection, or a larger distance within a component. */
    private final class Forest implements Sink {
        private final UnionFind sets;
        private final byte[] largest;
        private int[] links = new int[48];
        private int count;

        Forest(int pictures) {
            sets = new UnionFind(pictures);
            largest = new byte[pictures];
        }

        @Override
        public void near(int a, int b, int d) {
            int ra = sets.find(a), rb = sets.find(b);
            if (ra == rb && d <= largest[ra]) return;
            if (thumbs.difference(a, b, maxThumbDifference) > maxThumbDifference) return;
            int max = Math.max(d, Math.max(largest[ra], largest[rb]));
            sets.union(a, b);
            largest[sets.find(a)] = (byte) max;
            if (count + 3 > links.length) links = Arrays.copyOf(links, links.length * 2);
            links[count++] = a;
            links[count++] = b;
            links[count++] = d;
        }

        int[] links() {
            return Arrays.copyOf(links, count);
        }
    }

    /** Every pair that passes the thumbnails. */
    private final class AllPairs implements Sink {
        private long[] pairs = new long[64];
        private int count;

        @Override
        public void near(int a, int b, int d) {
            if (thumbs.difference(a, b, maxThumbDifference) > maxThumbDifference) return;
            if (count == pairs.length) pairs = Arrays.copyOf(pairs, count * 2);
            pairs[count++] = a < b ? (long) a << 32 | b : (long) b << 32 | a;
        }

        long[] pairs() {
            return Arrays.copyOf(pairs, count);
        }
    }

    int largestBucket() {
        return index.largestBucket();
    }
}
