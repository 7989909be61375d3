package org.ferworkbench.core.runtime;

import org.ferworkbench.core.progress.ProgressEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineWarmupTest {

    @Test
    void findsTheBundledLibtorchAndItsSize() {
        EngineWarmup.NativeBundle b = EngineWarmup.bundledNative();
        assertThat(b).isNotNull();
        assertThat(b.version()).startsWith("2.7.1");
        assertThat(b.flavor()).isEqualTo("cpu");
        assertThat(b.classifier()).isNotBlank();
        assertThat(b.bytes()).as("libtorch is hundreds of MB").isGreaterThan(100L << 20);
        assertThat(b.cacheDirectory().getFileName().toString()).isEqualTo(b.version() + "-cpu-" + b.classifier());
    }

    @Test
    void warmUpStartsTheEngineAndLoadsTheModelsReportingEachStage() throws Exception {
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        EngineWarmup.Result r = EngineWarmup.warmUp(events::add, true);
        assertThat(r.pytorchVersion()).startsWith("2.7.1");
        assertThat(r.models()).isNotNull();
        assertThat(EngineWarmup.needsUnpacking()).as("after a start the cache holds libtorch").isFalse();
        List<String> stages = events.stream().map(ProgressEvent::stage).distinct().toList();
        assertThat(stages).endsWith(EngineWarmup.STAGE_ENGINE, EngineWarmup.STAGE_MODELS);
        assertThat(events.get(events.size() - 1).finished()).isTrue();
        if (r.unpacked()) {
            assertThat(stages.get(0)).isEqualTo(EngineWarmup.STAGE_UNPACK);
        } else {
            assertThat(stages).doesNotContain(EngineWarmup.STAGE_UNPACK);
        }
    }
}
