package org.ferworkbench.core.duplicates;

/**
 * The confirmation of a near-duplicate link: the mean absolute difference of two thumbnails after each is
 * normalised to zero mean and unit variance (so a darker or brighter copy still matches), taken against the
 * other thumbnail as it is and mirrored, the smaller of the two. 0 means the same picture; see
 * docs/duplicates.md for what variants and unrelated faces measure.
 *
 * <p>The normalised values of all pictures are held in one byte array, in steps of 1/{@value #STEPS} standard
 * deviation clamped to +-4 (127 / 32): 256 bytes a picture, read in order, and compared in integers. A float
 * array per picture would take four times the memory and, measured, made the comparisons the slowest part of
 * the search.
 */
final class ThumbCheck {
    private static final int N = Fingerprint.THUMB, AREA = N * N;
    /** quantisation steps per standard deviation */
    static final int STEPS = 32;
    /**
     * Below this standard deviation (in grey levels) a thumbnail counts as flat, all zeros once normalised: blank
     * and nearly blank images are alike whatever their noise, which normalising would otherwise blow up.
     */
    static final double FLAT = 2.0;

    private final byte[] values;

    ThumbCheck(Fingerprint[] pictures) {
        values = new byte[pictures.length * AREA];
        for (int p = 0; p < pictures.length; p++) normalise(pictures[p].thumbUnshared(), values, p * AREA);
    }

    /** The difference of two fingerprints' thumbnails (for measurements and tests). */
    static double difference(Fingerprint a, Fingerprint b) {
        return new ThumbCheck(new Fingerprint[] {a, b}).difference(0, 1, Double.MAX_VALUE);
    }

    private static void normalise(byte[] grey, byte[] out, int at) {
        long sum = 0, squares = 0;
        for (byte g : grey) {
            int v = g & 0xFF;
            sum += v;
            squares += v * v;
        }
        double mean = (double) sum / AREA;
        double sd = Math.sqrt(Math.max(0, (double) squares / AREA - mean * mean));
        if (sd < FLAT) return;   // all zeros
        for (int i = 0; i < AREA; i++) {
            long q = Math.round(((grey[i] & 0xFF) - mean) / sd * STEPS);
            out[at + i] = (byte) Math.max(-127, Math.min(127, q));
        }
    }

    /**
     * The difference of pictures a and b, or some value above {@code limit} as soon as it is known to exceed it
     * (the mirrored comparison is skipped when the direct one is within the limit).
     */
    double difference(int a, int b, double limit) {
        int pa = a * AREA, pb = b * AREA;
        int direct = 0;
        for (int i = 0; i < AREA; i++) direct += Math.abs(values[pa + i] - values[pb + i]);
        double best = direct / (double) (AREA * STEPS);
        if (best <= limit) return best;
        int mirrored = 0;
        for (int y = 0; y < N; y++) {
            int ra = pa + y * N, rb = pb + y * N + N - 1;
            for (int x = 0; x < N; x++) mirrored += Math.abs(values[ra + x] - values[rb - x]);
        }
        return Math.min(best, mirrored / (double) (AREA * STEPS));
    }
}
