package org.ferworkbench.core.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompilerFocusTest {

    @AfterEach
    void restore() throws Exception {
        System.clearProperty("fer.compilerFocus");
        CompilerFocus.clear();
    }

    @Test
    void keepsTheOptimisingCompilerForTheKernelsOnly() {
        assertThat(CompilerFocus.onKernels()).isTrue();
        String active = CompilerFocus.activeDirectives();
        // the kernels' directive comes first, then the one that sends everything else to C1 only
        assertThat(active).contains("org/ferworkbench/core/face/MtcnnMath*.*").contains("matching: *.*");
        assertThat(active.indexOf("org/ferworkbench/core/face/MtcnnMath*.*")).isLessThan(active.indexOf("matching: *.*"));
        assertThat(active).contains("Exclude:true");
        assertThat(CompilerFocus.onKernels()).as("once per process").isTrue();
        assertThat(CompilerFocus.activeDirectives()).isEqualTo(active);
    }

    @Test
    void canBeSwitchedOff() {
        System.setProperty("fer.compilerFocus", "false");
        assertThat(CompilerFocus.onKernels()).isFalse();
        assertThat(CompilerFocus.activeDirectives()).doesNotContain("org/ferworkbench");
    }
}
