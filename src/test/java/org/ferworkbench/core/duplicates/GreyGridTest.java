package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast grid (whole rows in SIMD-within-a-register lanes, cached axes) against the definition, pixel by pixel. */
class GreyGridTest {
    @Test
    void everyCellIsTheExactWeightedSumOfItsPixelsGreyWhateverTheSize() {
        Random random = new Random(14);
        int[] sizes = {1, 2, 3, 7, 16, 31, 32, 33, 47, 48, 64, 95, 97, 100, 128, 129, 257};
        for (int w : sizes) {
            for (int h : sizes) {
                byte[] pixels = new byte[w * h * 3];
                random.nextBytes(pixels);
                RgbImage image = new RgbImage(w, h, pixels);
                assertThat(GreyGrid.of(image).cells).as("%dx%d", w, h).isEqualTo(definition(image));
            }
        }
    }

    @Test
    void bandsTallerThanTheLanesHoldAreEmptiedInTime() {
        // 255 whole rows of 255 fill a 16-bit lane; a 40x9000 white image has 281 rows per band
        byte[] white = new byte[40 * 9000 * 3];
        Arrays.fill(white, (byte) 255);
        RgbImage image = new RgbImage(40, 9000, white);
        GreyGrid grid = GreyGrid.of(image);
        assertThat(grid.cells).isEqualTo(definition(image));
        long cellArea = (long) 40 * 9000;     // in units: each cell spans width x height units of SIZE x SIZE per pixel
        assertThat(grid.cells[0]).isEqualTo(cellArea * 65536 * 255);
    }

    /** cell(cx, cy) = sum over pixels of overlapX * overlapY * (19595 R + 38470 G + 7471 B), as GreyGrid documents. */
    private static long[] definition(RgbImage image) {
        int n = GreyGrid.SIZE, w = image.width(), h = image.height();
        long[] cells = new long[n * n];
        for (int cy = 0; cy < n; cy++) {
            for (int y = 0; y < h; y++) {
                long wy = overlap(h, cy, y);
                if (wy == 0) continue;
                for (int cx = 0; cx < n; cx++) {
                    for (int x = 0; x < w; x++) {
                        long wx = overlap(w, cx, x);
                        if (wx == 0) continue;
                        long grey = 19595L * image.get(x, y, 0) + 38470L * image.get(x, y, 1) + 7471L * image.get(x, y, 2);
                        cells[cy * n + cx] += wx * wy * grey;
                    }
                }
            }
        }
        return cells;
    }

    /** Overlap of cell c ([c * length, (c + 1) * length)) with pixel p ([p * SIZE, (p + 1) * SIZE)), in units. */
    private static long overlap(int length, int c, int p) {
        long from = Math.max((long) c * length, (long) p * GreyGrid.SIZE);
        long to = Math.min((long) (c + 1) * length, (long) (p + 1) * GreyGrid.SIZE);
        return Math.max(0, to - from);
    }
}
