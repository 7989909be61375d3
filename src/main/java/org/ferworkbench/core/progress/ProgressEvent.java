package org.ferworkbench.core.progress;

/**
 * A snapshot of one stage: items done of total, the rate so far (items per second), and the estimated
 * seconds left (-1 when unknown).
 */
public record ProgressEvent(String stage, long done, long total, double ratePerSecond, double secondsLeft) {
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }

    public boolean finished() {
        return total > 0 && done >= total;
    }
}
