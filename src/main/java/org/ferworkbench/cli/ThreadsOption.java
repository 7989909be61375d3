package org.ferworkbench.cli;

import org.ferworkbench.core.pipeline.PrepareRequest;
import picocli.CommandLine.Option;

/** {@code --threads}, for every command that works in parallel (a mixin: declared here only). */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    /** The worker threads to use: the option, or one per core. */
    int count() {
        int n = threads == null ? PrepareRequest.defaultThreads() : threads;
        if (n < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        return n;
    }
}
