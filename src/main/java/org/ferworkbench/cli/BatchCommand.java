package org.ferworkbench.cli;

import org.ferworkbench.core.runtime.BatchJvm;

/**
 * Marks a command that runs a batch of work in a fresh JVM (prepare, detect, stats, benchmark prepare): the launcher
 * ({@link FerCli}) tunes the JVM for it once, as it starts ({@link BatchJvm}: C2 for the kernels only, the heap on
 * huge pages). The desktop app and the short commands (self-test, help, version, make-dataset) keep the JVM as it
 * started.
 */
interface BatchCommand {
    /** Receives the tuning, applied while the command starts (the benchmark prints it); most commands ignore it. */
    default void tuned(java.util.concurrent.CompletableFuture<BatchJvm> jvm) { }
}
