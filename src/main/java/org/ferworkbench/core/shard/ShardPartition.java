package org.ferworkbench.core.shard;

/**
 * How N shards divide an export's render blocks: contiguous ranges in plan order with about equal expected cost.
 * Every shard computes the same partition from the same plan, so together they render every block exactly once.
 * Whole blocks only: a block is the unit the detector batches, so a row is rendered with the same neighbours as in a
 * one-machine run (and its bytes are the same).
 */
public final class ShardPartition {
    private ShardPartition() { }

    /**
     * The first block of each shard, and the end: {@code bounds[k-1]} to {@code bounds[k]} are shard k's blocks
     * ({@code count + 1} values, from 0 to {@code costs.length}). Block i goes to the shard whose share of the total
     * cost holds the middle of block i. Shards may be empty when there are fewer blocks than shards.
     */
    public static int[] bounds(long[] costs, int count) {
        double total = 0;
        for (long c : costs) total += c;
        int[] bounds = new int[count + 1];
        double before = 0;
        int shard = 0; // the shard the current block goes to, 0-based
        for (int i = 0; i < costs.length; i++) {
            double middle = before + costs[i] / 2.0;
            int owner = total <= 0 ? (int) ((long) i * count / costs.length) : (int) Math.min(count - 1, Math.floor(middle / total * count));
            while (shard < owner) bounds[++shard] = i;
            before += costs[i];
        }
        while (shard < count) bounds[++shard] = costs.length;
        return bounds;
    }
}
