package org.ferworkbench.core.runtime;

/**
 * What the command-line launcher changes in a fresh JVM before a batch command (prepare, detect, stats, benchmark
 * prepare) starts its work, since {@code java -jar} takes no JVM flags; the desktop app is left as it started: C2 for the kernels only ({@link CompilerFocus}) and, where asked
 * for, a heap on transparent huge pages ({@link HugePageHeap}). Neither changes what the program computes.
 *
 * @param compilerFocus whether the compiler directive is in effect
 * @param hugePages     whether the heap is advised to use huge pages
 */
public record BatchJvm(boolean compilerFocus, boolean hugePages) {

    /** Applies both (each once per process, each skipped where unavailable or turned off). */
    public static BatchJvm tune() {
        return new BatchJvm(CompilerFocus.onKernels(), HugePageHeap.enable());
    }

    /**
     * Applies both on a daemon thread of its own and returns at once: the tuning (a diagnostic command through the
     * platform MBean server, an madvise) costs a few tenths of a second of start-up that the command's own start
     * (reading, loading libtorch) can use instead. Neither needs to be in place first: C2 compiles the kernels
     * seconds later, and the heap is advised as it is. The future gives what was applied.
     */
    public static java.util.concurrent.CompletableFuture<BatchJvm> tuneInBackground() {
        java.util.concurrent.CompletableFuture<BatchJvm> done = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(tune());
            } catch (Throwable e) {
                done.complete(new BatchJvm(false, false));
            }
        }, "batch-jvm-tuning");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** One line for a benchmark's report. */
    public String describe() {
        return (compilerFocus ? "C2 for the kernels only (CompilerFocus)" : "JIT as the JVM chose (CompilerFocus off)")
                + ", " + (hugePages ? "heap on huge pages (HugePageHeap)" : "heap on the JVM's default pages (HugePageHeap off)");
    }
}
