package org.ferworkbench.core.shard;

import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportFolder;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.pipeline.PlannedExport;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.runtime.Version;
import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.storage.Hashes;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code prepare --shard K/N}: reads the dataset and plans the export exactly as a one-machine prepare does (every
 * shard computes the same plan), renders only shard K's contiguous range of render blocks, and writes a shard folder
 * (shard.json and rows.bin; see {@link ShardHeader}, {@link RowStream}) atomically, as an export is written: a shard
 * killed mid-way leaves nothing, and running it again writes the same bytes.
 */
public final class ShardExport {
    private ShardExport() { }

    /** What a shard run did. */
    public record Result(Path folder, ShardSpec spec, int fromBlock, int toBlock, int blocks, int jobs, int totalJobs,
                         long items, double seconds, List<String> housekeeping) { }

    public static Result run(PreparePipeline pipeline, PrepareRequest request, ShardSpec spec, ProgressListener listener,
                             Cancellation cancellation) throws DatasetException, ExportException {
        long started = System.nanoTime();
        try (StagedFolder folder = StagedFolder.create(request.output(), request.overwrite(), request.keptPaths());
             PlannedExport export = pipeline.open(request, listener, cancellation)) {
            int[] bounds = ShardPartition.bounds(export.blockCosts(), spec.count());
            int from = bounds[spec.index() - 1];
            int to = bounds[spec.index()];
            ShardHeader.Plan plan = plan(export, bounds);
            Path rows = folder.path().resolve(ExportFolder.SHARD_ROWS);
            MessageDigest digest = Hashes.digest();
            long[] items = {0};
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new DigestOutputStream(Files.newOutputStream(rows), digest), 1 << 16))) {
                export.render(from, to, row -> {
                    RowStream.writeRow(out, row);
                    items[0]++;
                }, listener);
                if (spec.isLast()) {
                    for (ManifestEntry e : export.notRendered()) {
                        RowStream.writeNotRendered(out, e);
                        items[0]++;
                    }
                }
                RowStream.writeEnd(out, items[0]);
            }
            String config = ConfigFiles.toJson(request.config());
            ShardHeader header = new ShardHeader(ShardHeader.FORMAT, ShardHeader.FORMAT_VERSION, Version.current(),
                    spec.index(), spec.count(), plan.fingerprint(), export.listing(), Hashes.sha256(config),
                    export.blockCount(), from, to, export.jobs(from, to), items[0], Files.size(rows),
                    HexFormat.of().formatHex(digest.digest()), plan);
            header.write(folder.path().resolve(ExportFolder.SHARD_HEADER));
            cancellation.throwIfCancelled();
            folder.commit(Version.current(), "shard");
            return new Result(folder.target(), spec, from, to, export.blockCount(), export.jobs(from, to),
                    export.jobs(0, export.blockCount()), items[0], (System.nanoTime() - started) / 1e9, folder.cleanedUp());
        } catch (IOException | UncheckedIOException e) {
            throw ExportException.whileWriting("Shard", request.output(), e);
        } catch (Parallel.PipelineFailure e) {
            throw PreparePipeline.failure(e);
        }
    }

    /** What a cache-warming run did: which sources it read, how many could not be read, how long it took. */
    public record Warmed(ShardSpec spec, int from, int to, int sources, int unreadable, double seconds) { }

    /**
     * {@code prepare --shard K/N --warm-cache}: the first step on a cluster. Reads shard K's share of the sources
     * (contiguous in scan order, 1/N of them) and detects (and analyses) their faces into the detection cache, so that
     * the shards that follow, which each read every source to plan, find every face cached. Writes nothing else.
     */
    public static Warmed warmCaches(PreparePipeline pipeline, PrepareRequest request, ShardSpec spec,
                                    ProgressListener listener, Cancellation cancellation) throws DatasetException {
        long started = System.nanoTime();
        int[] range = new int[2];
        var survey = pipeline.read(request, samples -> {
            range[0] = (int) ((long) samples.size() * (spec.index() - 1) / spec.count());
            range[1] = (int) ((long) samples.size() * spec.index() / spec.count());
            return samples.subList(range[0], range[1]);
        }, listener, cancellation);
        return new Warmed(spec, range[0], range[1], survey.dataset().samples().size(), survey.reading().unusable().size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static ShardHeader.Plan plan(PlannedExport export, int[] bounds) throws IOException {
        var facts = export.facts();
        var config = ShardHeader.json().readTree(ConfigFiles.toJson(export.config()));
        return new ShardHeader.Plan(facts.dataset(), config, export.plan().dataset().classNames(), facts.faceStage(),
                facts.sources(), roundTrip(facts.planClasses()), roundTrip(facts.duplicateGroups()), facts.skipped(),
                facts.notes(), facts.unknownRejections(), export.counts(), new TreeMap<>(export.plan().groupOf()), bounds);
    }

    /** As the merge will read it back, so that every shard fingerprints the same values the same way. */
    private static Object roundTrip(Object value) throws IOException {
        return ShardHeader.json().readValue(ShardHeader.json().writeValueAsBytes(value), Object.class);
    }
}
