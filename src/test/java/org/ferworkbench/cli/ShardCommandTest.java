package org.ferworkbench.cli;

import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prepare --shard K/N and merge as a user (or a SLURM array) runs them: the merged folder is the one prepare writes,
 * byte for byte; a shard killed with kill -9 in the middle leaves no shard folder, and running it again gives the
 * same bytes; bad arguments and refused merges exit with 2 and one sentence.
 */
@EnabledOnOs(OS.LINUX)
class ShardCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static final String[] SETTINGS = {"--no-detect", "--size", "40", "--threads", "1"};

    @BeforeAll
    static void dataset() throws Exception {
        // photos large enough that a shard on one thread takes a few seconds to render (time to kill it)
        data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 90, "fear", 40, "joy", 70)), 480);
    }

    static CliRun run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        all.addAll(List.of(SETTINGS));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aShardKilledMidWayLeavesNothingAndItsRerunMergesIntoThePrepareExportByteForByte() throws Exception {
        Path one = tmp.resolve("one");
        CliRun prepared = run(List.of("prepare", data.toString(), "--out", one.toString()));
        assertThat(prepared.code()).as(prepared.err()).isZero();

        Path s2 = tmp.resolve("shard-2");
        List<String> child = new ArrayList<>(List.of("prepare", data.toString(), "--out", s2.toString(), "--shard", "2/2"));
        child.addAll(List.of(SETTINGS));
        ChildCli killed = ChildCli.start(tmp.resolve("log-kill"), List.of("-Xmx512m"), child.toArray(String[]::new));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!killed.output().contains("Preparing images:") && killed.process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(killed.process.isAlive()).as("still rendering:\n" + killed.output()).isTrue();
        killed.signal("KILL");
        killed.waitFor(30);
        assertThat(s2).as("no shard folder from a killed run").doesNotExist();
        try (Stream<Path> beside = Files.list(tmp)) {
            assertThat(beside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(".shard-2.partial-"));
        }

        List<Path> shards = new ArrayList<>();
        // 252 rows of 480x480 photos: two render blocks, one per shard
        for (int k = 1; k <= 2; k++) {
            Path shard = tmp.resolve("shard-" + k);
            CliRun r = run(List.of("prepare", data.toString(), "--out", shard.toString(), "--shard", k + "/2"));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Shard " + k + "/2: rendered blocks " + k + "-" + k + " of 2").contains("merge");
            if (k == 2) assertThat(r.out()).as("the killed run's leftovers").contains("Note: Removed");
            shards.add(shard);
        }
        try (Stream<Path> beside = Files.list(tmp)) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
        }
        Path merged = tmp.resolve("merged");
        CliRun m = CliRun.of("merge", shards.get(1).toString(), shards.get(0).toString(), "--out", merged.toString());
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.out()).contains("Merged 2 shard(s)").contains("x_train");
        assertThat(InterruptTest.hashes(merged)).isEqualTo(InterruptTest.hashes(one));

        // the same merge again replaces only with --overwrite
        CliRun again = CliRun.of("merge", shards.get(0).toString(), shards.get(1).toString(), "--out", merged.toString());
        assertThat(again.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(CliRun.of("merge", shards.get(0).toString(), shards.get(1).toString(), "--out", merged.toString(),
                "--overwrite").code()).isZero();
        assertThat(InterruptTest.hashes(merged)).isEqualTo(InterruptTest.hashes(one));

        CliRun missing = CliRun.of("merge", shards.get(0).toString(), "--out", tmp.resolve("never").toString());
        assertThat(missing.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(missing.err()).contains("Error: shard 2 of 2 is missing").doesNotContain("Exception");
        assertThat(tmp.resolve("never")).doesNotExist();

        CliRun inside = CliRun.of("merge", shards.get(0).toString(), shards.get(1).toString(),
                "--out", shards.get(0).resolve("export").toString());
        assertThat(inside.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(inside.err()).contains("shard 1");

        // nor in the dataset the shards read (merge never sees it on the command line)
        CliRun inData = CliRun.of("merge", shards.get(0).toString(), shards.get(1).toString(),
                "--out", data.resolve("export").toString());
        assertThat(inData.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(inData.err()).contains("the dataset");
        assertThat(data.resolve("export")).doesNotExist();
    }

    @Test
    void badShardArgumentsAreRefusedWithOneSentence() {
        Path out = tmp.resolve("bad");
        for (String shard : List.of("4/3", "0/3", "x", "3")) {
            CliRun r = run(List.of("prepare", data.toString(), "--out", out.toString(), "--shard", shard));
            assertThat(r.code()).as(shard).isEqualTo(FerCli.BAD_INPUT);
            assertThat(r.err()).as(shard).startsWith("Error: ").contains("shard").doesNotContain("Exception");
        }
        CliRun dry = run(List.of("prepare", data.toString(), "--dry-run", "--shard", "1/2"));
        assertThat(dry.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(dry.err()).contains("--dry-run prints the whole plan");
        CliRun warm = run(List.of("prepare", data.toString(), "--shard", "1/2", "--warm-cache"));
        assertThat(warm.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(warm.err()).contains("nothing to cache");
        assertThat(out).doesNotExist();
    }
}
