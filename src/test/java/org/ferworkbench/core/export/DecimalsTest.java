package org.ferworkbench.core.export;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {

    @Test
    void writesWhatStringFormatWrites() {
        double[] edges = {0, -0.0, 0.00005, -0.00005, 0.00004999, 1.23455, 2.5, -2.5, 0.125, 127.99995, 1e-9, -1e-9,
                1e9 + 0.5, 123456789.123456789, Double.MIN_VALUE, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double v : edges) {
            for (int places : new int[] {0, 4, 6}) {
                assertThat(Decimals.fixed(v, places)).as("%s to %d places", v, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 7));
            if (i % 3 == 0) v = Math.round(v * 1e5) / 1e5; // many exact ties at the 5th decimal
            assertThat(Decimals.fixed(v, 4)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.4f", v));
            assertThat(Decimals.fixed(v, 6)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.6f", v));
        }
    }
}
