package org.ferworkbench.core.models;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeHeapTuningTest {
    @Test
    void glibcAcceptsTheThresholdsOnLinux() {
        Assumptions.assumeTrue(Platform.isLinux(), "skipped: mallopt is glibc's");
        Assumptions.assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("MALLOC_")),
                "skipped: MALLOC_* set by the user, which the tuning respects");
        assertThat(NativeHeapTuning.apply()).isTrue();
        assertThat(NativeHeapTuning.apply()).as("idempotent").isTrue();
    }
}
