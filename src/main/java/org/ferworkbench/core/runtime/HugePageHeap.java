package org.ferworkbench.core.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a batch run on Linux: backs the Java heap with transparent huge pages, as {@code -XX:+UseTransparentHugePages}
 * would, because {@code java -jar} gives no way to pass that flag.
 *
 * <p>Why: a first touch of a 4 KB page costs a page fault, about 10-25 µs in a virtual machine. A 3,000-image
 * prepare touched about 1 GB of fresh heap (new regions for eden, survivors and the blocks of decoded images),
 * about 250,000 faults, a tenth of its CPU. With huge pages a fault maps 2 MB at once.
 *
 * <p>How: {@code madvise(MADV_HUGEPAGE)} over the heap's address range (from the {@code GC.heap_info} diagnostic
 * command), again after every collection, because G1 maps the regions it commits while growing the heap afresh.
 * Only where the kernel's THP mode is {@code madvise} (with {@code always} the heap has huge pages already, with
 * {@code never} it cannot) and the collector is G1. It changes how memory is mapped, never what the program
 * computes; the cost is that the heap's resident size grows in 2 MB steps.
 *
 * <p>Off unless asked for ({@code -Dfer.hugePages=true}): on the development VM in session 11 a fresh huge page cost
 * far more than its 512 small faults (up to 3 s a GB, against under 1 s), and the heap grew larger with them, so
 * prepare spent 2-4x the system time with them, with and without detection (docs/benchmarks.md). Kept for hosts
 * where small faults are the dearer ones, as they were here in session 4.
 */
public final class HugePageHeap {
    private static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final int MADV_HUGEPAGE = 14;
    private static final Pattern RANGE = Pattern.compile("garbage-first heap[^\\[]*\\[(0x[0-9a-fA-F]+), (0x[0-9a-fA-F]+)\\)");

    private static boolean applied;

    private HugePageHeap() { }

    interface LibC extends Library {
        int madvise(Pointer address, long length, int advice);
    }

    /** With {@code -Dfer.hugePages=true}, advises the heap once and after every collection from now on; true when in effect. */
    public static synchronized boolean enable() {
        if (!Platform.isLinux() || !"true".equalsIgnoreCase(System.getProperty("fer.hugePages"))) return false;
        if (applied) return true;
        try {
            if (!Files.readString(THP_MODE).contains("[madvise]")) return false;
            long[] range = heapRange();
            if (range == null) return false;
            LibC libc = Native.load("c", LibC.class);
            Runnable advise = () -> libc.madvise(new Pointer(range[0]), range[1] - range[0], MADV_HUGEPAGE);
            advise.run();
            NotificationListener afterGc = (notification, handback) -> advise.run();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) emitter.addNotificationListener(afterGc, null, null);
            }
            applied = true;
            return true;
        } catch (Exception | LinkageError e) {
            return false;   // no sysfs entry, no JNA or no diagnostic MBean: the defaults only cost speed
        }
    }

    /** {start, end} of the reserved G1 heap, or null for another collector or without the diagnostic MBean. */
    static long[] heapRange() throws Exception {
        Object info = DiagnosticCommands.invoke("gcHeapInfo");
        return info == null ? null : parseRange(info.toString());
    }

    /** {start, end} from {@code GC.heap_info}'s G1 line, or null. */
    static long[] parseRange(String heapInfo) {
        Matcher m = RANGE.matcher(heapInfo);
        if (!m.find()) return null;
        long start = Long.parseUnsignedLong(m.group(1).substring(2), 16);
        long end = Long.parseUnsignedLong(m.group(2).substring(2), 16);
        return end > start ? new long[] {start, end} : null;
    }
}
