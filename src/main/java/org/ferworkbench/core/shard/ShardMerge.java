package org.ferworkbench.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportFolder;
import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.export.OutputFolderRule;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.pipeline.RowRecorder;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.report.PlannedCounts;
import org.ferworkbench.core.report.ReportJson;
import org.ferworkbench.core.runtime.Version;
import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.storage.Hashes;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code merge <shard>... --out <dir>}: checks that the shards are the parts of one plan, each exactly once, and
 * writes the export they make together: every shard's rows streamed in order through the same {@link RowRecorder} a
 * one-machine prepare writes through, so the folder is byte for byte that prepare's. Memory does not grow with the
 * number of shards (one shard is read at a time); the export is staged and moved into place like every export.
 */
public final class ShardMerge {
    private ShardMerge() { }

    /** What the merge wrote. */
    public record Result(Path output, List<ClassReport> classes, int shards, long rows, double seconds,
                         List<String> notes, List<String> housekeeping) { }

    /** The shards to merge are not one complete set of one plan; the message says which and why. */
    public static final class ShardsRefusedException extends Exception {
        public ShardsRefusedException(String message) {
            super(message);
        }
    }

    /** A shard to merge: its folder, its header without the plan, and its settings (for messages). */
    record Shard(Path folder, ShardHeader header, JsonNode config) { }

    public static Result merge(List<Path> folders, Path output, boolean overwrite, ProgressListener listener,
                               Cancellation cancellation) throws ExportException, ShardsRefusedException {
        long started = System.nanoTime();
        if (folders.isEmpty()) throw new ShardsRefusedException("No shards given: name the folders prepare --shard wrote");
        List<Shard> shards = new ArrayList<>();
        ShardHeader.Plan plan = null;
        for (Path f : folders) {
            ShardHeader h = header(f);
            if (plan == null) plan = h.plan();
            shards.add(new Shard(f, h.withoutPlan(), h.plan() == null ? null : h.plan().config()));
        }
        shards = check(shards);
        Objects.requireNonNull(plan);
        PrepareConfig config;
        try {
            config = ConfigFiles.fromJson(plan.config(), "the settings of shard " + shards.get(0).folder());
        } catch (IOException e) {
            throw new ShardsRefusedException(e.getMessage());
        }
        // the export stays clear of the dataset the shards read, as prepare's does, and of the shards themselves
        List<OutputFolderRule.Kept> kept = new ArrayList<>();
        if (!plan.dataset().isEmpty()) kept.add(new OutputFolderRule.Kept("the dataset", Path.of(plan.dataset())));
        for (Shard s : shards) kept.add(new OutputFolderRule.Kept("shard " + s.header().shard(), s.folder()));
        long rows = 0;
        for (Shard s : shards) rows += s.header().items();
        try (StagedFolder folder = StagedFolder.create(output, overwrite, kept)) {
            Map<String, ClassReport> reports = PlannedCounts.reports(plan.counts(), config);
            ProgressTracker tracker = new ProgressTracker("Merging shards", rows, listener);
            try (ExportWriter writer = new ExportWriter(folder.path(), plan.classNames(), config.dtype(), config.formats(),
                    config.outputSize(), new ImageCodec(), plan.groupOf())) {
                RowRecorder recorder = new RowRecorder(writer, reports);
                for (Shard s : shards) {
                    cancellation.throwIfCancelled();
                    copyRows(s, recorder, tracker, cancellation);
                }
                writer.finish(config, ReportJson.of(plan.facts(), new ArrayList<>(reports.values())));
            } catch (IOException | UncheckedIOException e) {
                throw ExportException.whileWriting("Merge", output, e);
            }
            tracker.finish();
            cancellation.throwIfCancelled();
            folder.commit(Version.current());
            return new Result(folder.target(), new ArrayList<>(reports.values()), shards.size(), rows,
                    (System.nanoTime() - started) / 1e9, plan.notes(), folder.cleanedUp());
        }
    }

    private static ShardHeader header(Path folder) throws ShardsRefusedException {
        var why = ExportFolder.whyNotAShard(folder);
        if (why.isPresent()) throw new ShardsRefusedException(folder + " is not a complete shard: " + why.get());
        try {
            return ShardHeader.read(folder.resolve(ExportFolder.SHARD_HEADER));
        } catch (IOException e) {
            throw new ShardsRefusedException(folder + " is not a shard this version can merge: " + e.getMessage());
        }
    }

    /** The shards in order 1..N, or why they are not the parts of one export. */
    static List<Shard> check(List<Shard> given) throws ShardsRefusedException {
        Shard first = given.get(0);
        ShardHeader a = first.header();
        List<String> problems = new ArrayList<>();
        for (Shard s : given) {
            ShardHeader h = s.header();
            if (h.formatVersion() != ShardHeader.FORMAT_VERSION) {
                problems.add(s.folder() + " has shard format " + h.formatVersion() + "; this version merges format "
                        + ShardHeader.FORMAT_VERSION);
            } else if (!h.tool().equals(Version.current())) {
                problems.add(s.folder() + " was made by FER Workbench " + h.tool() + ", this is " + Version.current()
                        + ": merge with the version that made the shards (another version may render other bytes)");
            }
        }
        for (Shard s : given.subList(1, given.size())) {
            ShardHeader h = s.header();
            String vs = " than " + first.folder() + " (shard " + a.shard() + ")";
            if (h.shards() != a.shards()) {
                problems.add(s.folder() + " is shard " + h.shard() + " of " + h.shards() + ", " + first.folder() + " shard "
                        + a.shard() + " of " + a.shards() + ": they are parts of different runs");
            } else if (!h.listing().equals(a.listing())) {
                problems.add(s.folder() + " (shard " + h.shard() + ") read a different dataset" + vs + ": the dataset changed"
                        + " between the runs, or they read different folders");
            } else if (!h.settings().equals(a.settings())) {
                List<String> diff = differences(first.config(), s.config());
                problems.add(s.folder() + " (shard " + h.shard() + ") was made with different settings" + vs
                        + (diff.isEmpty() ? "" : ": " + String.join("; ", diff.subList(0, Math.min(3, diff.size())))));
            } else if (!h.fingerprint().equals(a.fingerprint())) {
                problems.add(s.folder() + " (shard " + h.shard() + ") planned a different export" + vs
                        + " from the same dataset and settings (other review decisions?)");
            }
        }
        if (!problems.isEmpty()) throw new ShardsRefusedException(String.join("\n", problems));
        Map<Integer, Shard> byIndex = new TreeMap<>();
        for (Shard s : given) {
            Shard twice = byIndex.putIfAbsent(s.header().shard(), s);
            if (twice != null) {
                problems.add("shard " + s.header().shard() + " of " + a.shards() + " is given twice: " + twice.folder()
                        + " and " + s.folder());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= a.shards(); k++) if (!byIndex.containsKey(k)) missing.add(k);
        if (!missing.isEmpty()) {
            problems.add((missing.size() == 1 ? "shard " + missing.get(0) + " of " + a.shards() + " is missing"
                    : "shards " + join(missing) + " of " + a.shards() + " are missing")
                    + ": the export needs every shard 1 to " + a.shards());
        }
        if (!problems.isEmpty()) throw new ShardsRefusedException(String.join("\n", problems));
        return new ArrayList<>(byIndex.values());
    }

    private static String join(List<Integer> ks) {
        return String.join(", ", ks.stream().map(String::valueOf).toList());
    }

    private static void copyRows(Shard s, RowRecorder recorder, ProgressTracker tracker, Cancellation cancellation)
            throws IOException {
        Path file = s.folder().resolve(ExportFolder.SHARD_ROWS);
        MessageDigest digest = Hashes.digest();
        long n = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new DigestInputStream(Files.newInputStream(file), digest), 1 << 16))) {
            RowStream.Item item;
            while ((item = read(s, in, n)) != null) {
                if (item.row() != null) recorder.write(item.row()); else recorder.write(item.notRendered());
                n++;
                tracker.advance(1);
                if ((n & 1023) == 0) cancellation.throwIfCancelled();
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        if (n != s.header().items() || !sha.equals(s.header().sha256())) {
            throw new IOException("shard " + s.header().shard() + " (" + file + ") is not the file its shard.json describes"
                    + " (changed or damaged after it was written): run that shard again");
        }
    }

    private static RowStream.Item read(Shard s, DataInputStream in, long n) throws IOException {
        try {
            return RowStream.read(in, n);
        } catch (java.io.EOFException e) {
            throw new IOException("shard " + s.header().shard() + " (" + s.folder() + "): its rows.bin ends after " + n
                    + " rows (cut short?): run that shard again");
        } catch (IOException e) {
            throw new IOException("shard " + s.header().shard() + " (" + s.folder() + "): its rows.bin " + e.getMessage()
                    + ": run that shard again", e);
        }
    }

    /** The settings two configs differ in, for messages ("seed: 42 / 7"). */
    static List<String> differences(JsonNode a, JsonNode b) {
        if (a == null || b == null) return List.of();
        Map<String, JsonNode> x = ConfigFiles.settings(a), y = ConfigFiles.settings(b);
        List<String> diff = new ArrayList<>();
        for (String k : x.keySet()) if (!Objects.equals(x.get(k), y.get(k))) diff.add(k + ": " + x.get(k) + " / " + y.get(k));
        return diff;
    }
}
