package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

/**
 * An image reduced to {@value #SIZE}x{@value #SIZE} grey cells by area averaging, in exact integer arithmetic.
 *
 * <p>Grey is 0.299R + 0.587G + 0.114B in 16-bit fixed point (weights 19595 + 38470 + 7471 = 65536). Along each
 * axis a source pixel spans {@value #SIZE} units and a cell spans the source length in units, so every overlap
 * is an integer and a cell holds the exact weighted sum {@code width * height * 65536 * mean grey}. Being exact
 * (no rounding, no summation order) is what makes the grid of a mirrored image the exact mirror of the grid, which
 * the mirrored hash relies on. The largest decodable image (150 MP) keeps a cell below 2^53, so it converts to
 * double exactly.
 */
final class GreyGrid {
    static final int SIZE = 32;
    private static final int R = 19595, G = 38470, B = 7471;

    /** cells[y * SIZE + x]: weighted grey sums; see {@link #unit} for the scale. */
    final long[] cells;
    /** What a cell holds per grey level: width * height * 65536. */
    final long unit;

    private GreyGrid(long[] cells, long unit) {
        this.cells = cells;
        this.unit = unit;
    }

    static GreyGrid of(RgbImage image) {
        int w = image.width(), h = image.height();
        byte[] px = image.pixels();
        Spans xs = Spans.of(w), ys = Spans.of(h);
        long[] cells = new long[SIZE * SIZE];
        long[] row = new long[SIZE];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(row, 0);
            int i = y * w * 3;
            for (int x = 0; x < w; x++, i += 3) {
                long grey = (px[i] & 0xFF) * R + (px[i + 1] & 0xFF) * G + (px[i + 2] & 0xFF) * B;
                for (int k = xs.first[x]; k < xs.first[x + 1]; k++) row[xs.cell[k]] += grey * xs.weight[k];
            }
            for (int k = ys.first[y]; k < ys.first[y + 1]; k++) {
                int base = ys.cell[k] * SIZE;
                long wy = ys.weight[k];
                for (int c = 0; c < SIZE; c++) cells[base + c] += row[c] * wy;
            }
        }
        return new GreyGrid(cells, (long) w * h * 65536L);
    }

    /**
     * The {@value Fingerprint#THUMB}x{@value Fingerprint#THUMB} thumbnail: 2x2 cells averaged, rounded to a grey level.
     * Area averaging composes, so this is the area resize of the image itself.
     */
    byte[] thumb() {
        int n = Fingerprint.THUMB;
        byte[] out = new byte[n * n];
        long divisor = 4 * unit;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int c = 2 * y * SIZE + 2 * x;
                long sum = cells[c] + cells[c + 1] + cells[c + SIZE] + cells[c + SIZE + 1];
                out[y * n + x] = (byte) Math.min(255, (sum + divisor / 2) / divisor);
            }
        }
        return out;
    }

    /** Which cells a source pixel overlaps, and by how many units: a CSR list per pixel, usually 1 or 2 cells. */
    private static final class Spans {
        final int[] first;
        final int[] cell;
        final int[] weight;

        private Spans(int[] first, int[] cell, int[] weight) {
            this.first = first;
            this.cell = cell;
            this.weight = weight;
        }

        static Spans of(int length) {
            int[] first = new int[length + 1];
            int[] cell = new int[length + SIZE + 1];
            int[] weight = new int[length + SIZE + 1];
            int k = 0;
            for (int p = 0; p < length; p++) {
                first[p] = k;
                long from = (long) p * SIZE, to = from + SIZE;       // the pixel, in units
                for (int c = (int) (from / length); c < SIZE && (long) c * length < to; c++) {
                    long overlap = Math.min(to, (long) (c + 1) * length) - Math.max(from, (long) c * length);
                    if (overlap > 0) {
                        cell[k] = c;
                        weight[k++] = (int) overlap;
                    }
                }
            }
            first[length] = k;
            return new Spans(first, cell, weight);
        }
    }
}
