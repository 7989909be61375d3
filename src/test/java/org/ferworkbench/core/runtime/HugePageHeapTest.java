package org.ferworkbench.core.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HugePageHeapTest {
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @Test
    void readsTheG1HeapRangeFromHeapInfo() {
        String info = """
                 garbage-first heap   total 393216K, used 20480K [0x0000000690400000, 0x0000000800000000)
                  region size 4096K, 6 young (24576K), 0 survivors (0K)
                 Metaspace       used 1138K, committed 1344K, reserved 1114112K
                """;
        assertThat(HugePageHeap.parseRange(info)).containsExactly(0x690400000L, 0x800000000L);
        assertThat(HugePageHeap.parseRange(" def new generation   total 4928K, used 0K [0x00000000e0000000, 0x00000000e0550000, 0x00000000eaaa0000)"))
                .as("another collector").isNull();
    }

    @Test
    void advisesTheCommittedHeapOnLinuxWithMadviseMode() throws Exception {
        assumeTrue(Files.isReadable(THP) && Files.readString(THP).contains("[madvise]"),
                "needs Linux with transparent huge pages in madvise mode");
        long[] range = HugePageHeap.heapRange();
        assumeTrue(range != null, "needs the G1 collector");

        assertThat(HugePageHeap.enable()).as("off unless asked for").isFalse();
        System.setProperty("fer.hugePages", "true");
        try {
            assertThat(HugePageHeap.enable()).as("turned on by -Dfer.hugePages=true").isTrue();
        } finally {
            System.clearProperty("fer.hugePages");
        }
        List<String> heapAreas = committedAreas(range);
        assertThat(heapAreas).isNotEmpty();
        assertThat(heapAreas).allSatisfy(flags -> assertThat(flags).as("VmFlags of a committed heap area").contains(" hg"));
    }

    /** VmFlags lines of the readable-writable mappings inside [range[0], range[1]) from /proc/self/smaps. */
    private static List<String> committedAreas(long[] range) throws Exception {
        List<String> flags = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] bounds = line.substring(0, line.indexOf(' ')).split("-");
                long start = Long.parseUnsignedLong(bounds[0], 16), end = Long.parseUnsignedLong(bounds[1], 16);
                inside = start >= range[0] && end <= range[1] && line.split("\\s+")[1].startsWith("rw");
            } else if (inside && line.startsWith("VmFlags:")) {
                flags.add(line);
            }
        }
        return flags;
    }
}
