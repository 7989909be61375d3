package org.ferworkbench.core.shard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which part of an export a run renders: shard {@code index} of {@code count}, counted from 1 (as SLURM's
 * {@code $SLURM_ARRAY_TASK_ID} of an array {@code 1-N} is).
 */
public record ShardSpec(int index, int count) {
    /** More shards than this is a typing error, not a cluster: even AffectNet gives each of them hundreds of rows. */
    public static final int MAX_COUNT = 10_000;
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public ShardSpec {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the number of shards must be 1 to " + MAX_COUNT + ", got " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist: shards are numbered 1 to "
                    + count);
        }
    }

    /** "K/N", e.g. "3/7". */
    public static ShardSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard takes K/N, the shard number and the number of shards (e.g. 3/7), got '"
                    + text + "'");
        }
        return new ShardSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isLast() {
        return index == count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
