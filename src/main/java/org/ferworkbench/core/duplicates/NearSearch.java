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
     * Pairs (smaller index << 32 | larger) found from the pictures from..to-1. A pair whose only close match is
     * this picture's hash against the other's mirror is found from the other side (its mirror query reaches this
     * picture's hash), so the two sides together find every pair; some pairs twice, removed by the caller.
     */
    long[] pairs(int from, int to) {
        Found found = new Found(dct.length);
        for (int i = from; i < to; i++) {
            if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("duplicate search interrupted");
            probe(i, dct[i], found);
            if (mirrored[i] != dct[i]) probe(i, mirrored[i], found);
        }
        return found.pairs();
    }

    /** Checks the pictures that share a chunk, within the radius, with {@code query} (picture i's hash or mirror). */
    private void probe(int i, long query, Found found) {
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
                    if (d <= maxDistance) found.check(i, ids[e]);
                }
            }
        }
    }

    /** The pairs kept so far by one range, each picture's partners checked once. */
    private final class Found {
        private final int[] seenBy;
        private long[] pairs = new long[64];
        private int count;

        Found(int pictures) {
            seenBy = new int[pictures];
            Arrays.fill(seenBy, -1);
        }

        void check(int a, int b) {
            if (b == a || seenBy[b] == a) return;
            seenBy[b] = a;
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
