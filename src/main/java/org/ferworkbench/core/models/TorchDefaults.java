package org.ferworkbench.core.models;

/**
 * The DJL / libtorch settings every model loader of this app relies on, set once before the engine starts.
 *
 * <p>Unless set beforehand: {@code ai.djl.pytorch.num_threads=1} and inter-op threads 1 (use one predictor per core
 * for parallelism), {@code ai.djl.offline=true}, DJL's start-up logging quieted, and glibc's heap thresholds raised
 * for libtorch ({@link NativeHeapTuning}). The engine reads these when it starts, so every loader calls
 * {@link #apply()} from its static initialiser, before anything else can start DJL.
 */
public final class TorchDefaults {

    private static boolean applied;

    private TorchDefaults() { }

    /** Sets the defaults (idempotent; values the user set win). */
    public static synchronized void apply() {
        if (applied) return;
        applied = true;
        // "Failed to detect GPU count" is harmless on CPU-only machines; keep it out of the user's console.
        quietLogger("ai.djl.util.cuda.CudaUtils", "off");
        // engine start-up chatter ("Found matching platform", thread counts, graph optimizer) is not for users
        quietLogger("ai.djl.util.Platform", "warn");
        quietLogger("ai.djl.pytorch.engine.PtEngine", "warn");
        // One libtorch thread per net call, unless the user chose otherwise: parallelism comes from running one
        // predictor per core. The small convolutions of these nets gain little from intra-op threads, and OpenMP
        // threads that wait at barriers for a descheduled sibling made a shared 2-core machine up to 10x slower.
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // the engine and models ship with the app: a download attempt must fail clearly instead of hanging
        setIfAbsent("ai.djl.offline", "true");
        NativeHeapTuning.apply();
    }

    private static void quietLogger(String name, String level) {
        setIfAbsent("org.slf4j.simpleLogger.log." + name, level);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
