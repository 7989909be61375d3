package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.core.plan.ExportPlan;
import org.ferworkbench.core.plan.NotExported;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.report.PlannedCounts;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.report.SummaryFacts;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.dataset.Sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * An export read and planned, ready to render: in whole (a one-machine prepare) or block by block (a shard renders a
 * contiguous range of the blocks; see core/shard). The blocks are fixed by the plan alone, so every row is rendered
 * in the same block, with the same neighbours in the detector's batches, however the work is divided. Owns the
 * worker threads and the face stage until closed.
 */
public final class PlannedExport implements AutoCloseable {
    /** Where rendered rows go, one at a time and in plan order (called from one thread). */
    @FunctionalInterface
    public interface RowSink {
        void accept(RenderedRow row) throws IOException;
    }

    /**
     * Expected cost of a job relative to a plain row: a copy in the study's order also runs MTCNN on its augmented image
     * (not cached, often more than once as lost faces are drawn again), batched. Measured on FER2013 128x128 with
     * detection (docs/cluster.md): a copy row cost about the same as an original (4.0 against 4.3 ms on two cores, its
     * 3.7 batched detections against the 68-landmark net every row runs), so a detected copy counts double, a
     * guess towards larger photos, where the detections weigh more. Only the balance of shards depends on it, never
     * their bytes.
     */
    static final long DETECTED_COPY_WEIGHT = 2;

    private final PrepareRequest request;
    private final ExportPlan plan;
    private final List<List<RenderJob>> blocks;
    private final BlockRenderer renderer;
    /** Sources decoded by {@link #render} so far. */
    private int decodedToRender;
    private final Function<RgbImage, ExportWriter.EncodedSample> encoder;
    private final SummaryFacts facts;
    private final int sources;
    private final long started;
    private final Cancellation cancellation;
    private final AutoCloseable resources;
    private final Map<String, org.ferworkbench.core.plan.SourceFacts> sourceFacts;

    PlannedExport(PrepareRequest request, ExportPlan plan, List<List<RenderJob>> blocks, BlockRenderer renderer,
                  Function<RgbImage, ExportWriter.EncodedSample> encoder, SummaryFacts facts, int sources, long started,
                  Cancellation cancellation, AutoCloseable resources,
                  Map<String, org.ferworkbench.core.plan.SourceFacts> sourceFacts) {
        this.sourceFacts = sourceFacts;
        this.request = request;
        this.plan = plan;
        this.blocks = blocks;
        this.renderer = renderer;
        this.encoder = encoder;
        this.facts = facts;
        this.sources = sources;
        this.started = started;
        this.cancellation = cancellation;
        this.resources = resources;
    }

    public ExportPlan plan() {
        return plan;
    }

    public PrepareConfig config() {
        return request.config();
    }

    /** What summary.json says besides the per-class counts. */
    public SummaryFacts facts() {
        return facts;
    }

    /**
     * A fingerprint of what was read: SHA-256 over every file of the dataset (sorted relative path, and its content's
     * SHA-256 or that it could not be read) and every file the scan skipped. Two runs that read different files, or a
     * file that changed in between, get different listings.
     */
    public String listing() {
        StringBuilder text = new StringBuilder();
        for (String path : new java.util.TreeSet<>(sourceFacts.keySet())) {
            org.ferworkbench.core.plan.SourceFacts f = sourceFacts.get(path);
            text.append(path).append('\t').append(f.sha256() == null ? "unreadable" : f.sha256()).append('\n');
        }
        for (SkippedFile skipped : plan.dataset().skipped()) text.append(skipped.relativePath()).append("\tskipped\n");
        return org.ferworkbench.core.storage.Hashes.sha256(text.toString());
    }

    public int blockCount() {
        return blocks.size();
    }

    /** Jobs (rows to render, exported or not) in blocks [from, to). */
    public int jobs(int fromBlock, int toBlock) {
        int n = 0;
        for (List<RenderJob> b : blocks.subList(fromBlock, toBlock)) n += b.size();
        return n;
    }

    /** The expected cost of each block (pixels decoded, a detected copy weighted by {@link #DETECTED_COPY_WEIGHT}). */
    public long[] blockCosts() {
        PrepareConfig c = request.config();
        boolean copiesDetected = c.detectFaces() && c.face().order() == PipelineOrder.AUGMENT_THEN_DETECT;
        long[] costs = new long[blocks.size()];
        for (int i = 0; i < costs.length; i++) {
            long cost = 0;
            for (RenderJob j : blocks.get(i)) {
                long pixels = Math.max(1, (long) j.source().width() * j.source().height());
                cost += j.isCopy() && copiesDetected ? pixels * DETECTED_COPY_WEIGHT : pixels;
            }
            costs[i] = cost;
        }
        return costs;
    }

    /** The per-class counts the plan fixes. */
    public List<PlannedCounts> counts() {
        List<PlannedCounts> counts = new ArrayList<>();
        for (ClassPlan c : plan.classes()) {
            Map<String, Integer> dropped = new java.util.TreeMap<>(c.droppedTrain());
            c.droppedTest().forEach((reason, n) -> dropped.merge(reason, n, Integer::sum));
            counts.add(new PlannedCounts(c.name(), c.label(), c.original(), c.unreadable(), c.trainSplit(), c.testSplit(),
                    c.rejected(), c.trainOriginals(), c.copies(), dropped));
        }
        return counts;
    }

    /** Fresh per-class reports, to be filled in as rows are written. */
    public Map<String, ClassReport> newReports() {
        return PlannedCounts.reports(counts(), request.config());
    }

    /** The manifest rows of the files the plan gives no row, written after every rendered row. */
    public List<ManifestEntry> notRendered() {
        List<ManifestEntry> rows = new ArrayList<>(plan.notExported().size());
        for (NotExported n : plan.notExported()) rows.add(RowRecorder.manifestEntry(n));
        return rows;
    }

    public PrepareReport report(Path output, Map<String, ClassReport> reports, List<String> housekeeping) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return new PrepareReport(output, new ArrayList<>(reports.values()), plan, facts.skipped(), facts.notes(),
                facts.unknownRejections(), housekeeping, sources, seconds, facts.faceStage(), renderer.originalsFromRead(),
                decodedToRender);
    }

    /**
     * Renders blocks [from, to) and hands their rows to {@code sink} in plan order. Blocks are rendered by the workers
     * while the previous block's rows are handed over on a thread of their own (one writer keeps the order).
     */
    public void render(int fromBlock, int toBlock, RowSink sink, ProgressListener listener) throws IOException {
        ProgressTracker tracker = new ProgressTracker("Preparing images", jobs(fromBlock, toBlock), listener);
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "export-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> pendingWrite = null;
            DecodedSources decoded = renderer.sourcesFor(blocks);
            for (int b = fromBlock; b < toBlock; b++) {
                cancellation.throwIfCancelled();
                List<RenderedSample> block = renderer.render(b, blocks.get(b), decoded, encoder);
                awaitWrite(pendingWrite);
                pendingWrite = writerThread.submit(() -> {
                    for (RenderedSample r : block) sink.accept(row(r));
                    tracker.advance(block.size());
                    return null;
                });
            }
            awaitWrite(pendingWrite);
            decodedToRender += decoded.decodes();
        } finally {
            writerThread.shutdownNow();
        }
        tracker.finish();
    }

    /** What of a rendered job reaches the export. */
    static RenderedRow row(RenderedSample r) {
        RenderJob job = r.job();
        SourceImage source = job.source();
        Sample s = source.sample();
        List<RenderedRow.Discarded> discarded = new ArrayList<>(r.discarded().size());
        for (DiscardedAttempt d : r.discarded()) {
            Sample ds = d.job().source().sample();
            discarded.add(new RenderedRow.Discarded(ds.label(), ds.className(), ds.relativePath(), d.job().source().sha256(),
                    d.job().attempt(), d.augmentation(), d.reason(), d.faceCount()));
        }
        FaceOutcome f = r.face();
        RenderedRow.Face face = f == null ? null
                : new RenderedRow.Face(f.accepted(), f.reason(), f.faceCount(), f.detection(), f.alignmentDegrees());
        return new RenderedRow(job.split(), s.label(), s.className(), s.relativePath(), s.fileName(), source.sha256(),
                job.copy(), job.attempt(), job.planned().sample().relativePath(), job.pool().size(), r.augmentation(),
                r.failure(), face, discarded, r.exported() ? r.encoded().pixels() : null,
                r.exported() ? r.encoded().png() : null);
    }

    private static void awaitWrite(Future<?> write) throws IOException {
        if (write == null) return;
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    /** Files of the dataset not used, for the report: skipped by the scan, and unreadable. */
    static List<SkippedFile> notUsed(ExportPlan plan) {
        List<SkippedFile> notUsed = new ArrayList<>(plan.dataset().skipped());
        for (NotExported n : plan.notExported()) {
            if (n.status().equals("unreadable")) notUsed.add(new SkippedFile(n.relativePath(), n.reason()));
        }
        return notUsed;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception ignored) {
            // releasing threads and native resources must not hide the real outcome
        }
    }
}
