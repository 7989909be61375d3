package org.ferworkbench.core.duplicates;

import java.util.Arrays;

/**
 * Multi-index hashing over 64-bit DCT hashes: the hash is cut into 4 chunks of 16 bits, and each chunk indexes
 * its own table. Two hashes within Hamming distance t differ in at most floor(t / 4) bits of at least one chunk
 * (pigeonhole), so probing, in every table, the chunk values within that radius finds every such pair without
 * comparing all pairs. Each table is a counting sort: bucket offsets, and per entry its picture and both of its
 * hashes, so a bucket is checked by reading memory in order (a random read per entry made this 3x slower).
 * Memory is linear: 20 bytes per picture and table.
 */
final class NearIndex {
    static final int CHUNKS = 4, BITS = 16, BUCKETS = 1 << BITS;

    /** offsets[k][b] .. offsets[k][b + 1] - 1: the entries of bucket b in table k */
    final int[][] offsets = new int[CHUNKS][];
    /** the picture of each entry */
    final int[][] pictures = new int[CHUNKS][];
    /** the hash and the mirrored hash of each entry: [2e] and [2e + 1] */
    final long[][] hashes = new long[CHUNKS][];
    /** the chunk values within the radius of 0, i.e. every 16-bit mask of at most radius bits */
    final int[] masks;

    NearIndex(long[] dct, long[] mirrored, int radius) {
        int n = dct.length;
        for (int k = 0; k < CHUNKS; k++) {
            int[] start = new int[BUCKETS + 1];
            for (long h : dct) start[chunk(h, k) + 1]++;
            for (int b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
            int[] fill = Arrays.copyOf(start, BUCKETS);
            int[] ids = new int[n];
            long[] both = new long[2 * n];
            for (int i = 0; i < n; i++) {
                int e = fill[chunk(dct[i], k)]++;
                ids[e] = i;
                both[2 * e] = dct[i];
                both[2 * e + 1] = mirrored[i];
            }
            offsets[k] = start;
            pictures[k] = ids;
            hashes[k] = both;
        }
        masks = java.util.stream.IntStream.range(0, BUCKETS).filter(m -> Integer.bitCount(m) <= radius).toArray();
    }

    static int chunk(long hash, int k) {
        return (int) (hash >>> (k * BITS)) & (BUCKETS - 1);
    }

    static int radius(int maxDistance) {
        return maxDistance / CHUNKS;
    }

    /** How many entries share the chunk value of the largest bucket: the cost of the worst probe. */
    int largestBucket() {
        int max = 0;
        for (int[] start : offsets) {
            for (int b = 0; b < BUCKETS; b++) max = Math.max(max, start[b + 1] - start[b]);
        }
        return max;
    }
}
