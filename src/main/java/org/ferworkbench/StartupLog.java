package org.ferworkbench;

/**
 * Start-up milestones on stderr when the system property {@code fer.startupLog} is true (docs/startup-time.sh reads
 * them): one line per milestone, {@code [startup] <what> <ms since the process started> ms epoch=<epoch ms>}. The
 * start is the JVM's (RuntimeMXBean); the epoch lets a script
 * measure from the moment it launched the command. Off by default: then nothing is loaded or printed.
 */
public final class StartupLog {
    private static final boolean ENABLED = Boolean.getBoolean("fer.startupLog");

    private StartupLog() { }

    public static boolean enabled() {
        return ENABLED;
    }

    public static void mark(String what) {
        if (!ENABLED) return;
        long now = System.currentTimeMillis();
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.err.printf("[startup] %s %d ms (%s cpu %d ms) epoch=%d%n", what, now - start, Thread.currentThread().getName(), cpu, now);
    }
}
