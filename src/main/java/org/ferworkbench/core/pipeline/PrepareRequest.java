package org.ferworkbench.core.pipeline;

import java.nio.file.Path;
import java.util.Set;

/**
 * One export to run: dataset, output folder, config, worker threads, and the relative paths rejected in
 * review (excluded after the split, so a rejection never moves other images between train and test).
 */
public record PrepareRequest(Path dataset, Path output, boolean overwrite, PrepareConfig config, int threads,
                             Set<String> rejected) {
    public PrepareRequest {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        rejected = rejected == null ? Set.of() : Set.copyOf(rejected);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
