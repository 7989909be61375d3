package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Grey weights of R, G and B. */
    private static final long[] CHANNEL = {19595, 38470, 7471};

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
        Axis ys = Axis.of(h);
        Columns xs = Columns.of(w);
        long[] cells = new long[SIZE * SIZE];
        BandSums band = new BandSums(w * 3);
        for (int cy = 0; cy < SIZE; cy++) {
            int first = ys.first[cy], last = ys.end[cy] - 1;
            band.add(px, first * w * 3, (int) ys.firstWeight[cy]);
            if (last > first + 1) band.addWhole(px, (first + 1) * w * 3, last - first - 1);
            if (last > first) band.add(px, last * w * 3, (int) ys.lastWeight[cy]);
            band.drainInto(cells, cy * SIZE, xs);
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

    /**
     * The sums, down one band of rows, of every byte column of the rows (each row weighted by its overlap with
     * the band, in units). This is where every pixel is touched, so whole rows are added 8 bytes at a time: the
     * even and the odd bytes of a long go into two longs of four 16-bit lanes, which hold up to 255 rows of 255
     * before they are emptied into the int sums. Grey comes later, per column: it is linear in the channel sums.
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
            if (weight == SIZE) {
                addWhole(px, start, 1);
                return;
            }
            for (int i = 0; i < rowBytes; i++) columns[i] += weight * (px[start + i] & 0xFF);
        }

        /**
         * Adds {@code rows} consecutive whole rows. The rows of one column of longs are summed in registers and
         * stored once, so the loads of the pixels are the only memory traffic.
         */
        void addWhole(byte[] px, int start, int rows) {
            for (int done = 0; done < rows; ) {
                int n = Math.min(rows - done, MAX_ROWS - wholeRows);
                int from = start + done * rowBytes;
                for (int j = 0; j < longs; j++) {
                    long e = 0, o = 0;
                    for (int r = 0, at = from + 8 * j; r < n; r++, at += rowBytes) {
                        long v = (long) LONGS.get(px, at);
                        e += v & LOW_BYTES;
                        o += (v >>> 8) & LOW_BYTES;
                    }
                    even[j] += e;
                    odd[j] += o;
                }
                for (int i = longs * 8; i < rowBytes; i++) {
                    int sum = 0;
                    for (int r = 0, at = from + i; r < n; r++, at += rowBytes) sum += px[at] & 0xFF;
                    columns[i] += SIZE * sum;
                }
                wholeRows += n;
                done += n;
                if (wholeRows == MAX_ROWS) flush();
            }
        }

        /** Adds the band's grey to the cells of its row (from {@code base}) and empties the band for the next. */
        void drainInto(long[] cells, int base, Columns xs) {
            flush();
            int[] from = xs.from, to = xs.to;
            long[] coefficient = xs.coefficient;
            // one sum per cell in a register: adding column by column into the cell in memory would chain every
            // addition on the one before it through a store and a load
            for (int c = 0, k = 0; c < SIZE; c++) {
                long sum = 0;
                for (int i = from[c]; i < to[c]; i++, k++) sum += columns[i] * coefficient[k];
                cells[base + c] += sum;
            }
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
     * pixel is shared with the next cell. Kept per length: a dataset has few sizes, and the divisions are a
     * sizeable part of the work for a small image.
     */
    private static final class Axis {
        private static final Map<Integer, Axis> KNOWN = new ConcurrentHashMap<>();
        final int[] first = new int[SIZE];
        final int[] end = new int[SIZE];
        final long[] firstWeight = new long[SIZE];
        final long[] lastWeight = new long[SIZE];

        static Axis of(int length) {
            return remembered(KNOWN, length, Axis::compute);
        }

        private static Axis compute(int length) {
            Axis axis = new Axis();
            for (int c = 0; c < SIZE; c++) {
                // the cell is [c * length, (c + 1) * length) in units, a pixel p is [p * SIZE, (p + 1) * SIZE)
                int first = (int) ((long) c * length / SIZE), end = (int) (((long) (c + 1) * length + SIZE - 1) / SIZE);
                axis.first[c] = first;
                axis.end[c] = end;
                axis.firstWeight[c] = overlap(length, c, first);
                axis.lastWeight[c] = overlap(length, c, end - 1);
            }
            return axis;
        }

        static long overlap(int length, int c, int p) {
            long from = Math.max((long) c * length, (long) p * SIZE);
            long to = Math.min((long) (c + 1) * length, (long) (p + 1) * SIZE);
            return to - from;
        }
    }

    /**
     * Across a row of {@code width} RGB pixels: cell c takes the byte columns from[c] .. to[c]-1, each with its
     * factor (the pixel's overlap with the cell times the channel's grey weight), listed cell after cell in
     * {@code coefficient}. Summing column times factor gives each cell exactly the weighted sum of its pixels' grey.
     * A pixel on a cell border appears in both cells; in an image narrower than the grid, in several.
     */
    private static final class Columns {
        private static final Map<Integer, Columns> KNOWN = new ConcurrentHashMap<>();
        final int[] from = new int[SIZE], to = new int[SIZE];
        final long[] coefficient;

        private Columns(int width) {
            Axis xs = Axis.of(width);
            int count = 0;
            for (int c = 0; c < SIZE; c++) count += 3 * (xs.end[c] - xs.first[c]);
            coefficient = new long[count];
            for (int c = 0, k = 0; c < SIZE; c++) {
                from[c] = 3 * xs.first[c];
                to[c] = 3 * xs.end[c];
                for (int p = xs.first[c]; p < xs.end[c]; p++) {
                    long weight = Axis.overlap(width, c, p);
                    for (int ch = 0; ch < 3; ch++) coefficient[k++] = weight * CHANNEL[ch];
                }
            }
        }

        static Columns of(int width) {
            return remembered(KNOWN, width, Columns::new);
        }
    }

    /** A bounded memo: photo folders may hold thousands of sizes, and a miss costs only the computation. */
    private static <T> T remembered(Map<Integer, T> known, int length, java.util.function.IntFunction<T> compute) {
        T value = known.get(length);
        if (value == null) {
            if (known.size() >= 64) known.clear();
            value = compute.apply(length);
            known.put(length, value);
        }
        return value;
    }
}
