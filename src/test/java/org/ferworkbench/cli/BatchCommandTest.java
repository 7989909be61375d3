package org.ferworkbench.cli;

import org.ferworkbench.core.runtime.BatchJvm;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Which command lines get the batch JVM tuning (applied by FerCli before the command runs). */
class BatchCommandTest {

    private static BatchCommand batchCommandOf(String... args) {
        return FerCli.batchCommandOf(FerCli.commandLine(org.ferworkbench.core.pipeline.PipelineFactory.withoutDetection()).parseArgs(args));
    }

    @Test
    void theBatchCommandsAreTuned() {
        assertThat(batchCommandOf("prepare", "data", "--out", "out")).isInstanceOf(PrepareCommand.class);
        assertThat(batchCommandOf("detect", "faces", "--json", "d.json")).isInstanceOf(DetectCommand.class);
        assertThat(batchCommandOf("stats", "data")).isInstanceOf(StatsCommand.class);
        assertThat(batchCommandOf("benchmark", "prepare", "data")).isInstanceOf(BenchmarkCommand.Prepare.class);
    }

    @Test
    void shortCommandsHelpAndVersionAreNot() {
        assertThat(batchCommandOf("self-test")).isNull();
        assertThat(batchCommandOf("benchmark", "make-dataset", "--fer2013", "a.tar.gz", "--out", "x")).isNull();
        assertThat(batchCommandOf("prepare", "--help")).isNull();
        assertThat(batchCommandOf("detect", "--version")).isNull();
        assertThat(batchCommandOf("--help")).isNull();
        assertThat(batchCommandOf()).as("no command: the launcher starts the app without FerCli, and FerCli alone tunes nothing").isNull();
    }

    @Test
    void theBenchmarkReportsTheTuningTheLauncherApplied(@TempDir Path tmp) throws Exception {
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("a", 3, "b", 3)), 32);
        CliRun r = CliRun.of("benchmark", "prepare", data.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        BatchJvm applied = BatchJvm.tune();   // already in effect: returns what the launcher got
        assertThat(r.out()).contains(applied.describe());
    }
}
