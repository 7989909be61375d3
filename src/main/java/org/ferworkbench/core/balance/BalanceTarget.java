package org.ferworkbench.core.balance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.Locale;

/**
 * How many train images each class should end with: the majority class's count (the study), none (leave
 * the imbalance), or a fixed count (classes above it are subsampled with the seed, classes below get copies).
 */
public record BalanceTarget(Mode mode, int count) {
    public enum Mode { MAJORITY, NONE, FIXED }

    public static final BalanceTarget MAJORITY = new BalanceTarget(Mode.MAJORITY, 0);
    public static final BalanceTarget NONE = new BalanceTarget(Mode.NONE, 0);

    public BalanceTarget {
        if (mode == Mode.FIXED && count < 1) throw new IllegalArgumentException("balance count must be at least 1, got " + count);
        if (mode != Mode.FIXED) count = 0;
    }

    public static BalanceTarget fixed(int count) {
        return new BalanceTarget(Mode.FIXED, count);
    }

    /** Parses "majority", "none" or a whole number. */
    @JsonCreator
    public static BalanceTarget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "majority" -> MAJORITY;
            case "none" -> NONE;
            default -> {
                try {
                    yield fixed(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("balance must be 'majority', 'none' or a number (a whole number of images "
                            + "per class), got '" + text + "'");
                }
            }
        };
    }

    /** The per-class target given the class sizes, or -1 for "leave as is". */
    public int targetFor(Collection<Integer> classSizes) {
        return switch (mode) {
            case MAJORITY -> classSizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            case NONE -> -1;
            case FIXED -> count;
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return mode == Mode.FIXED ? Integer.toString(count) : mode.name().toLowerCase(Locale.ROOT);
    }
}
