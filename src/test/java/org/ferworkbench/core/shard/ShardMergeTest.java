package org.ferworkbench.core.shard;

import org.ferworkbench.core.export.ExportFolder;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shards merged back into one export, compared byte for byte with a one-machine prepare of the same dataset and
 * settings: every file of the folder (arrays, manifest, attempts, classes, config, summary, PNGs, npz), for N = 1,
 * 2, 3 and 7 shards, without detection (default render blocks) and with MTCNN on real photos (small blocks, so that
 * seven shards get work from a small slice); and every way a set of shards can fail to be one export.
 */
class ShardMergeTest {
    @TempDir
    static Path tmp;
    static Path plain;

    @BeforeAll
    static void dataset() throws Exception {
        // unbalanced, so the train side gets augmented copies; about 3,800 rows: 8 default blocks of 512
        plain = TestData.dataset(tmp.resolve("plain"), new TreeMap<>(Map.of("anger", 700, "disgust", 150, "fear", 500,
                "happy", 650, "sad", 400, "surprise", 300)), 24);
    }

    static PrepareRequest request(Path dataset, Path out, PrepareConfig config) {
        return new PrepareRequest(dataset, out, false, config, 2, Set.of());
    }

    static final PrepareConfig PLAIN = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(24);

    @Test
    void shardsWithoutDetectionMergeIntoTheOneMachineExportByteForByte() throws Exception {
        PreparePipeline pipeline = PreparePipeline.withoutDetection();
        Path one = tmp.resolve("plain-one");
        pipeline.run(request(plain, one, PLAIN), ProgressListener.NONE, new Cancellation());
        Map<String, String> expected = hashes(one);
        assertThat(expected).containsKeys("x_train.npy", "manifest.csv", "attempts.csv", "summary.json", "config.json");

        for (int n : new int[]{1, 2, 3, 7}) {
            List<Path> shards = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                Path shard = tmp.resolve("plain-" + n + "-" + k);
                ShardExport.run(pipeline, request(plain, shard, PLAIN), new ShardSpec(k, n), ProgressListener.NONE,
                        new Cancellation());
                shards.add(shard);
            }
            ShardHeader first = ShardHeader.read(shards.get(0).resolve(ExportFolder.SHARD_HEADER));
            assertThat(first.blocks()).as("render blocks").isGreaterThanOrEqualTo(7);
            for (Path s : shards) {
                ShardHeader h = ShardHeader.read(s.resolve(ExportFolder.SHARD_HEADER));
                assertThat(h.toBlock()).as("every shard of 7 gets work").isGreaterThan(h.fromBlock());
            }
            Collections.reverse(shards); // any order
            Path merged = tmp.resolve("plain-merged-" + n);
            ShardMerge.Result r = ShardMerge.merge(shards, merged, false, ProgressListener.NONE, new Cancellation());
            assertThat(hashes(merged)).as("merge of %d shards", n).isEqualTo(expected);
            assertThat(r.shards()).isEqualTo(n);
        }
    }

    @Test
    void shardsWithDetectionAndAWarmedSharedCacheMergeIntoTheOneMachineExportByteForByte() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        Path dataset = tmp.resolve("mux");
        for (String cls : List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise")) {
            Files.createDirectories(dataset.resolve(cls));
            try (Stream<Path> files = Files.list(mux.resolve(cls))) {
                for (Path f : files.sorted().limit(cls.equals("fear") ? 5 : 10).toList()) {
                    Files.copy(f, dataset.resolve(cls).resolve(f.getFileName()));
                }
            }
        }
        // the study's order (copies augmented, then detected: nothing of theirs is cached), 8-bit, every format
        PrepareConfig config = PrepareConfig.DEFAULTS.withOutputSize(32).withDtype(OutputDtype.UINT8)
                .withFormats(EnumSet.of(ExportFormat.NPY, ExportFormat.PNG, ExportFormat.NPZ));
        Path cacheDir = tmp.resolve("shared-detections");

        // the cluster's first step: two "nodes" (caches of their own, as two processes) detect half the sources each
        for (int k = 1; k <= 2; k++) {
            ShardExport.Warmed w = ShardExport.warmCaches(PreparePipeline.standard(DetectionCache.shared(cacheDir)),
                    request(dataset, tmp.resolve("unused"), config), new ShardSpec(k, 2), ProgressListener.NONE, new Cancellation());
            assertThat(w.to() - w.from()).isEqualTo(k == 1 ? 27 : 28);
        }
        try (Stream<Path> parts = Files.list(cacheDir)) {
            assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mtcnn-")))
                    .as("one file per writer").hasSize(2);
        }
        DetectionCache reader = DetectionCache.shared(cacheDir);
        assertThat(reader.size(org.ferworkbench.core.face.MtcnnParameters.DEFAULTS))
                .as("every source detected once").isEqualTo(55);

        // the one-machine run detects everything itself (a cold cache): a source's faces do not depend on which
        // images it was detected with, so the warmed cache and a cold run agree to the last bit
        PreparePipeline pipeline = PreparePipeline.standard(new DetectionCache(null)).withRenderBlocks(6, Long.MAX_VALUE);
        Path one = tmp.resolve("mux-one");
        pipeline.run(request(dataset, one, config), ProgressListener.NONE, new Cancellation());
        Map<String, String> expected = hashes(one);
        assertThat(expected.keySet()).anyMatch(p -> p.startsWith("png/train/")).contains("dataset.npz", "x_test.npy");
        assertThat(Files.readString(one.resolve("attempts.csv")).lines().count()).as("copies drawn again").isGreaterThan(1);

        for (int n : new int[]{1, 2, 3, 7}) {
            List<Path> shards = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                Path shard = tmp.resolve("mux-" + n + "-" + k);
                // each shard a process of its own: its own cache object, the shared folder
                PreparePipeline node = PreparePipeline.standard(DetectionCache.shared(cacheDir)).withRenderBlocks(6, Long.MAX_VALUE);
                ShardExport.run(node, request(dataset, shard, config), new ShardSpec(k, n), ProgressListener.NONE,
                        new Cancellation());
                shards.add(shard);
            }
            Path merged = tmp.resolve("mux-merged-" + n);
            ShardMerge.merge(shards, merged, false, ProgressListener.NONE, new Cancellation());
            assertThat(hashes(merged)).as("merge of %d shards", n).isEqualTo(expected);
        }
    }

    @Test
    void shardsThatAreNotOneCompleteSetOfOnePlanAreRefusedAndNothingIsWritten() throws Exception {
        Path data = TestData.dataset(tmp.resolve("small"), new TreeMap<>(Map.of("anger", 30, "joy", 20)), 16);
        PrepareConfig config = PLAIN.withOutputSize(16);
        PreparePipeline pipeline = PreparePipeline.withoutDetection().withRenderBlocks(4, Long.MAX_VALUE);
        Path s1 = shard(pipeline, data, config, "s1", 1, 3);
        Path s2 = shard(pipeline, data, config, "s2", 2, 3);
        Path s3 = shard(pipeline, data, config, "s3", 3, 3);
        Path out = tmp.resolve("refused");

        assertRefused(List.of(s1, s3), out, "shard 2 of 3 is missing");
        assertRefused(List.of(s1, s2), out, "shard 3 of 3 is missing");
        assertRefused(List.of(s1, s2, s2, s3), out, "shard 2 of 3 is given twice");
        assertRefused(List.of(s1, shard(pipeline, data, config.withSeed(7), "seed7", 2, 3), s3), out,
                "was made with different settings", "seed: 42 / 7");
        assertRefused(List.of(s1, shard(pipeline, data, config, "of2", 2, 2), s3), out, "is shard 2 of 2", "different runs");

        Path changed = tmp.resolve("small-changed");
        copyTree(data, changed);
        Files.write(changed.resolve("joy/joy_003.jpg"), TestData.jpeg(TestData.image(16, 16, 999)));
        assertRefused(List.of(s1, shard(pipeline, changed, config, "changed", 2, 3), s3), out, "read a different dataset");

        Path other = tmp.resolve("other-version");
        copyTree(s2, other);
        Path header = other.resolve(ExportFolder.SHARD_HEADER);
        Files.writeString(header, Files.readString(header).replaceFirst("\"tool\" : \"[^\"]*\"", "\"tool\" : \"0.0.9\""));
        assertRefused(List.of(s1, other, s3), out, "was made by FER Workbench 0.0.9");

        assertRefused(List.of(s1, s2, plain), out, "is not a complete shard");

        // a rows.bin cut short (a copy that stopped half-way): the merge fails, says which shard, leaves nothing
        Path cut = tmp.resolve("cut");
        copyTree(s2, cut);
        Path rows = cut.resolve(ExportFolder.SHARD_ROWS);
        byte[] bytes = Files.readAllBytes(rows);
        Files.write(rows, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(s1, cut, s3), out, false, ProgressListener.NONE, new Cancellation()))
                .hasMessageContaining("shard 2").hasMessageContaining("run that shard again");
        assertThat(out).doesNotExist();
        try (Stream<Path> beside = Files.list(tmp)) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".refused."));
        }

        ShardMerge.merge(List.of(s3, s2, s1), out, false, ProgressListener.NONE, new Cancellation());
        assertThat(ExportFolder.isExport(out)).isTrue();
    }

    private static Path shard(PreparePipeline pipeline, Path data, PrepareConfig config, String name, int k, int n)
            throws Exception {
        Path out = tmp.resolve(name);
        ShardExport.run(pipeline, request(data, out, config), new ShardSpec(k, n), ProgressListener.NONE, new Cancellation());
        return out;
    }

    private static void assertRefused(List<Path> shards, Path out, String... message) {
        assertThatThrownBy(() -> ShardMerge.merge(shards, out, false, ProgressListener.NONE, new Cancellation()))
                .isInstanceOf(ShardMerge.ShardsRefusedException.class)
                .satisfies(e -> {
                    for (String m : message) assertThat(e.getMessage()).contains(m);
                });
        assertThat(out).doesNotExist();
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
            }
        }
    }

    /** Every file of a folder tree, by relative path, and its SHA-256. */
    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
