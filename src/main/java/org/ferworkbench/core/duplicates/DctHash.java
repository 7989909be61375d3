package org.ferworkbench.core.duplicates;

import java.util.Arrays;

/**
 * The perceptual hash (pHash) of a {@link GreyGrid}: the 2-D DCT-II of the 32x32 grid, of which only the 8x8
 * lowest frequencies are computed (separably, 8 x 32 per direction). The 63 of them besides the DC term (the
 * mean brightness, which says nothing about content) are thresholded at their median: bit {@code v * 8 + u}
 * (u horizontal, v vertical frequency) is set when that coefficient is above the median; bit 0, the DC position,
 * is always clear. With 63 values the median is one of them, so 31 bits are set unless values tie.
 *
 * <p>Mirroring the image left to right negates exactly the coefficients of odd u. The transform folds each row
 * into g[x] + g[31-x] (even u) and g[x] - g[31-x] (odd u) before multiplying, so the mirrored image gives
 * bit-for-bit negated coefficients and {@link #mirrored} equals the hash of the mirrored image exactly (a
 * long converts to the same double wherever it sits in the grid).
 */
final class DctHash {
    static final int LOW = 8;
    private static final int N = GreyGrid.SIZE, HALF = N / 2;
    /** cos(pi (2x + 1) u / 2N) for the first half of x; the second half is the same up to the sign (-1)^u. */
    private static final double[] COS = new double[LOW * HALF];

    static {
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < HALF; x++) COS[u * HALF + x] = Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * N));
        }
    }

    private DctHash() { }

    /** coefficients[v * 8 + u] of the lowest frequencies, unscaled (the threshold does not care about scale). */
    static double[] lowFrequencies(long[] cells) {
        double[] rows = new double[N * LOW];           // rows[y * LOW + u]: horizontal transform of each row
        double[] sums = new double[HALF], differences = new double[HALF];
        // centred on the mean, in integers (cells < 2^52, so 1024 times a cell still fits a long): a flat image has
        // exactly zero AC terms, hence hash 0, instead of bits drawn from rounding noise. The AC terms are the same.
        long total = 0;
        for (long c : cells) total += c;
        for (int y = 0; y < N; y++) {
            int r = y * N;
            for (int x = 0; x < HALF; x++) {
                long a = cells[r + x] * (N * N) - total, b = cells[r + N - 1 - x] * (N * N) - total;
                sums[x] = a + b;
                differences[x] = a - b;
            }
            for (int u = 0; u < LOW; u++) {
                double[] folded = (u & 1) == 0 ? sums : differences;
                double sum = 0;
                for (int x = 0; x < HALF; x++) sum += folded[x] * COS[u * HALF + x];
                rows[y * LOW + u] = sum;
            }
        }
        double[] out = new double[LOW * LOW];
        for (int v = 0; v < LOW; v++) {
            boolean odd = (v & 1) == 1;
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int y = 0; y < HALF; y++) {
                    double a = rows[y * LOW + u], b = rows[(N - 1 - y) * LOW + u];
                    sum += (odd ? a - b : a + b) * COS[v * HALF + y];
                }
                out[v * LOW + u] = sum;
            }
        }
        return out;
    }

    static long hash(double[] coefficients) {
        double[] ac = Arrays.copyOfRange(coefficients, 1, LOW * LOW);
        Arrays.sort(ac);
        double median = ac[ac.length / 2];
        long bits = 0;
        for (int i = 1; i < LOW * LOW; i++) {
            if (coefficients[i] > median) bits |= 1L << i;
        }
        return bits;
    }

    /** The coefficients of the left-right mirrored image: those of odd horizontal frequency change sign. */
    static double[] mirrored(double[] coefficients) {
        double[] out = coefficients.clone();
        for (int v = 0; v < LOW; v++) {
            for (int u = 1; u < LOW; u += 2) out[v * LOW + u] = -out[v * LOW + u];
        }
        return out;
    }
}
