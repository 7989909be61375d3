package org.ferworkbench.core.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fixed-point text of a double, exactly as {@code String.format(Locale.ROOT, "%.Nf", v)} writes it (the shortest
 * decimal that identifies the double, rounded half up to N places), without a Formatter per call. The manifest
 * writes about twenty numbers a row; through String.format they cost more CPU, and far more JIT compilation in a
 * fresh JVM, than the rest of the row.
 */
public final class Decimals {
    private Decimals() { }

    public static String fixed(double v, int places) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.format(Locale.ROOT, "%." + places + "f", v);
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String magnitude = new BigDecimal(Double.toString(Math.abs(v))).setScale(places, RoundingMode.HALF_UP).toPlainString();
        return negative ? "-" + magnitude : magnitude;
    }
}
