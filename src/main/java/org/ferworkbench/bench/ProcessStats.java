package org.ferworkbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks report about this process: CPU time of all its threads, and resident memory. */
public final class ProcessStats {
    private ProcessStats() { }

    /** CPU time of the whole process (JIT, GC and every thread), in nanoseconds; 0 where the JVM cannot tell. */
    public static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Resident set size (native memory included) from /proc on Linux, e.g. "1204192 kB"; "n/a" elsewhere. */
    public static String residentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return line.substring(6).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "n/a";
    }
}
