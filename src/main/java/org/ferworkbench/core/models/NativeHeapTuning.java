package org.ferworkbench.core.models;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Keeps glibc from handing libtorch's activation buffers back to the kernel after every net call. With the
 * defaults, a freed buffer of a few MB is unmapped or trimmed and the next call faults every page in again:
 * a third of MTCNN's kernel time and about one in ten CPU cycles of a prepare, measured with perf on Linux. Raising
 * the mmap and trim thresholds lets the buffers be reused; the cost is that up to that much freed memory stays
 * mapped. Linux with glibc only; skipped when the user set MALLOC_* variables or -Dfer.mallocTuning=false.
 */
final class NativeHeapTuning {
    /** glibc's mallopt parameters (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD = 64 << 20;
    static final int TRIM_THRESHOLD = 256 << 20;

    private static boolean applied;

    private NativeHeapTuning() { }

    interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /** @return whether the thresholds were set (idempotent) */
    static synchronized boolean apply() {
        if (applied) return true;
        if (!Platform.isLinux() || !Boolean.parseBoolean(System.getProperty("fer.mallocTuning", "true"))) return false;
        if (System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) return false;
        try {
            LibC libc = Native.load("c", LibC.class);
            applied = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 & libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
        } catch (LinkageError | RuntimeException e) {
            applied = false;   // not glibc (e.g. musl) or no JNA: the defaults only cost speed
        }
        return applied;
    }
}
