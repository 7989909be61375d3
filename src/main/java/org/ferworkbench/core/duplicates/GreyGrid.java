package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
        Cells xs = Cells.of(w), ys = Cells.of(h);
        long[] cells = new long[SIZE * SIZE];
        BandSums band = new BandSums(w * 3);
        for (int cy = 0; cy < SIZE; cy++) {
            for (int y = ys.first[cy]; y < ys.end[cy]; y++) {
                long wy = y == ys.first[cy] ? ys.firstWeight[cy] : y == ys.end[cy] - 1 ? ys.lastWeight[cy] : SIZE;
                band.add(px, y * w * 3, (int) wy);
            }
            int[] columns = band.sums();
            for (int cx = 0; cx < SIZE; cx++) cells[cy * SIZE + cx] = cell(columns, xs, cx);
            band.clear();
        }
        return new GreyGrid(cells, (long) w * h * 65536L);
    }

    /** One cell of a band: its pixels' column sums in grey, inner pixels whole and the edge ones by their overlap. */
    private static long cell(int[] columns, Cells xs, int c) {
        int first = xs.first[c], end = xs.end[c];
        if (end - first == 1) return grey(columns, first) * xs.firstWeight[c];
        long r = 0, g = 0, b = 0;
        for (int i = (first + 1) * 3, stop = (end - 1) * 3; i < stop; i += 3) {
            r += columns[i];
            g += columns[i + 1];
            b += columns[i + 2];
        }
        return (r * R + g * G + b * B) * SIZE + grey(columns, first) * xs.firstWeight[c] + grey(columns, end - 1) * xs.lastWeight[c];
    }

    private static long grey(int[] columns, int pixel) {
        int i = pixel * 3;
        return columns[i] * (long) R + columns[i + 1] * (long) G + columns[i + 2] * (long) B;
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

    /**
     * The sums, down one band of rows, of every byte column of the rows (each row weighted by its overlap with
     * the band, in units). This is where every pixel is touched, so whole rows are added 8 bytes at a time: the
     * even and the odd bytes of a long go into two longs of four 16-bit lanes, which hold up to 255 rows of 255
     * before they are emptied into the int sums. Grey comes later, per cell: it is linear in the channel sums.
     */
    private static final class BandSums {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;
        private static final int MAX_ROWS = 255;
        private final int rowBytes, longs;
        private final long[] even, odd;
        private final int[] columns;
        private int wholeRows;

        BandSums(int rowBytes) {
            this.rowBytes = rowBytes;
            this.longs = rowBytes / 8;
            even = new long[longs];
            odd = new long[longs];
            columns = new int[rowBytes];
        }

        void add(byte[] px, int start, int weight) {
            if (weight != SIZE) {
                for (int i = 0; i < rowBytes; i++) columns[i] += weight * (px[start + i] & 0xFF);
                return;
            }
            for (int j = 0; j < longs; j++) {
                long v = (long) LONGS.get(px, start + 8 * j);
                even[j] += v & LOW_BYTES;
                odd[j] += (v >>> 8) & LOW_BYTES;
            }
            for (int i = longs * 8; i < rowBytes; i++) columns[i] += SIZE * (px[start + i] & 0xFF);
            if (++wholeRows == MAX_ROWS) flush();
        }

        /** The weighted column sums of the band so far (valid until {@link #clear()}). */
        int[] sums() {
            flush();
            return columns;
        }

        void clear() {
            java.util.Arrays.fill(columns, 0);
        }

        private void flush() {
            if (wholeRows == 0) return;
            for (int j = 0, i = 0; j < longs; j++, i += 8) {
                long e = even[j], o = odd[j];
                columns[i] += SIZE * (int) (e & 0xFFFF);
                columns[i + 1] += SIZE * (int) (o & 0xFFFF);
                columns[i + 2] += SIZE * (int) ((e >>> 16) & 0xFFFF);
                columns[i + 3] += SIZE * (int) ((o >>> 16) & 0xFFFF);
                columns[i + 4] += SIZE * (int) ((e >>> 32) & 0xFFFF);
                columns[i + 5] += SIZE * (int) ((o >>> 32) & 0xFFFF);
                columns[i + 6] += SIZE * (int) (e >>> 48);
                columns[i + 7] += SIZE * (int) (o >>> 48);
                even[j] = 0;
                odd[j] = 0;
            }
            wholeRows = 0;
        }
    }

    /**
     * Along one axis of {@code length} pixels: cell c covers the pixels first[c] .. end[c]-1, those inside it with
     * weight {@value #SIZE} (a whole pixel) and the first and last with their overlap, which is smaller where the
     * pixel is shared with the next cell.
     */
    private static final class Cells {
        final int[] first = new int[SIZE];
        final int[] end = new int[SIZE];
        final long[] firstWeight = new long[SIZE];
        final long[] lastWeight = new long[SIZE];

        static Cells of(int length) {
            Cells cells = new Cells();
            for (int c = 0; c < SIZE; c++) {
                // the cell is [c * length, (c + 1) * length) in units, a pixel p is [p * SIZE, (p + 1) * SIZE)
                int first = (int) ((long) c * length / SIZE), end = (int) (((long) (c + 1) * length + SIZE - 1) / SIZE);
                cells.first[c] = first;
                cells.end[c] = end;
                cells.firstWeight[c] = overlap(length, c, first);
                cells.lastWeight[c] = overlap(length, c, end - 1);
            }
            return cells;
        }

        private static long overlap(int length, int c, int p) {
            long from = Math.max((long) c * length, (long) p * SIZE);
            long to = Math.min((long) (c + 1) * length, (long) (p + 1) * SIZE);
            return to - from;
        }
    }
}
