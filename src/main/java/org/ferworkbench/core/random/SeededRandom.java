package org.ferworkbench.core.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * SplitMix64: a tiny, fully specified generator, so a seed gives the same numbers on every JVM and machine
 * (java.util.Random's sequence is tied to its implementation; this one is written out here).
 * Not thread-safe: every sample derives its own instance from the run seed, which is what makes results
 * independent of the thread count.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one purpose and one key, derived from the run seed (e.g. "augment", "anger/a.jpg", copy 3). */
    public static SeededRandom derive(long runSeed, String purpose, Object... key) {
        return new SeededRandom(deriveSeed(runSeed, purpose, key));
    }

    /** First 8 bytes of SHA-256 over the run seed, the purpose and the key parts, as a long. */
    public static long deriveSeed(long runSeed, String purpose, Object... key) {
        StringBuilder text = new StringBuilder().append(runSeed).append('\u0000').append(purpose);
        for (Object part : key) {
            text.append('\u0000').append(part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (digest[i] & 0xFF);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max]; min == max gives min. */
    public double uniform(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long limit = Long.remainderUnsigned(-1L, bound);
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, -1L - limit) <= 0 || limit == bound - 1) {
                return (int) Long.remainderUnsigned(r, bound);
            }
        }
    }

    /** Fisher-Yates shuffle in place. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
