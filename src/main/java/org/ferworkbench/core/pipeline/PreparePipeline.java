package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.balance.BalancePlan;
import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.balance.ClassBalance;
import org.ferworkbench.core.balance.PlannedImage;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.export.IoMessages;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;
import org.ferworkbench.core.split.DatasetSplit;
import org.ferworkbench.core.split.StratifiedSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The whole preparation: scan -> read and decode (unreadable files listed; with detection on, every source's faces
 * detected and judged by the train policy in the same pass) -> stratified split -> remove rejected images -> drop
 * train sources without a usable face -> balance plan (train only) -> render (augment -> face stage -> resize) -> export.
 * Rendering runs in fixed-size blocks: images of a block are decoded and augmented in parallel, handed to the
 * face stage together (so a detector can batch them), resized in parallel, then written in plan order. Block
 * size does not depend on the thread count and every copy has its own seed, so the arrays are byte-identical
 * whatever the number of threads.
 */
public final class PreparePipeline {
    /**
     * Images per block: large enough to batch a detector and to keep both workers busy through a block's retry
     * rounds (512 rendered the 3,000-image set's train copies ~10% faster than 256), small enough to keep memory flat.
     */
    static final int BLOCK = 512;
    /**
     * Decoded source pixels a render block may hold (each job also holds an augmented copy and an aligned face): a
     * block of large photos gets fewer jobs, so memory stays bounded whatever the photos.
     */
    static final long RENDER_BLOCK_BYTES = 96L << 20;

    private final DatasetScanner scanner;
    private final SourceInspector inspector;
    private final StratifiedSplitter splitter;
    private final BalancePlanner planner;
    private final ImageCodec codec;
    private final ImageResizer resizer;
    private final Function<PrepareConfig, FaceStage> faceStages;

    public PreparePipeline(DatasetScanner scanner, SourceInspector inspector, StratifiedSplitter splitter,
                           BalancePlanner planner, ImageCodec codec, ImageResizer resizer,
                           Function<PrepareConfig, FaceStage> faceStages) {
        this.scanner = scanner;
        this.inspector = inspector;
        this.splitter = splitter;
        this.planner = planner;
        this.codec = codec;
        this.resizer = resizer;
        this.faceStages = faceStages;
    }

    /** The standard pipeline: MTCNN + alignment when the config asks for detection, detections cached. */
    public static PreparePipeline standard(org.ferworkbench.core.face.DetectionCache cache) {
        return create(FaceStages.standard(cache));
    }

    private static PreparePipeline create(Function<PrepareConfig, FaceStage> faceStages) {
        ImageCodec codec = new ImageCodec();
        return new PreparePipeline(new DatasetScanner(), new SourceInspector(codec), new StratifiedSplitter(),
                new BalancePlanner(), codec, new ImageResizer(), faceStages);
    }

    /** A pipeline with detection off only (the face stage factory refuses detection). */
    public static PreparePipeline withoutDetection() {
        return create(config -> {
            if (config.detectFaces()) {
                throw new IllegalStateException("face detection is not available in this build; use --no-detect");
            }
            return FaceStage.WHOLE_IMAGE;
        });
    }

    public PrepareReport run(PrepareRequest request, ProgressListener listener, Cancellation cancellation)
            throws DatasetException, ExportException {
        long started = System.nanoTime();
        PrepareConfig config = request.config();
        // fail on the output before spending minutes on the input
        try (StagedFolder folder = StagedFolder.create(request.output(), request.overwrite(), request.keptPaths())) {
            List<AutoCloseable> resources = new ArrayList<>();
            ExecutorService pool = Parallel.daemonPool("prepare", request.threads());
            try {
                Dataset dataset = scanner.scan(request.dataset());
                Parallel parallel = new Parallel(pool, request.threads());
                // with detection on, every source is detected (and judged by the train policy) while it is decoded
                // for reading: the train screening then needs no second decoding, and test images find their
                // detections cached
                DetectingReader<FaceStage> reader = config.detectFaces()
                        ? DetectingReader.start(inspector, dataset.samples(), () -> faceStages.apply(config)) : null;
                if (reader != null) resources.add(reader);
                SourceScreener screener = new SourceScreener(parallel);
                SourceInspector.Inspection inspection = reader != null
                        ? reader.read(dataset.samples(), screener, parallel, listener, cancellation)
                        : inspector.inspect(dataset.samples(), parallel, listener, cancellation);
                if (inspection.usable().isEmpty()) {
                    throw new DatasetException("None of the " + dataset.samples().size() + " images in " + request.dataset()
                            + " could be read");
                }
                List<String> unknownRejections = EmptyClasses.unknownRejections(dataset, request.rejected());
                EmptyClasses empty = EmptyClasses.find(dataset, inspection, request.rejected());
                List<String> leftOut = new ArrayList<>();
                if (!empty.classes().isEmpty()) {
                    if (request.emptyClass() == PrepareRequest.EmptyClassPolicy.FAIL) throw empty.failure();
                    leftOut.add(empty.describe());
                    dataset = empty.leaveOut(dataset);
                    inspection = empty.leaveOut(inspection, dataset);
                }
                DatasetSplit<SourceImage> split = splitter.split(inspection.usable(), SourceImage::sample, config.seed(), config.split());
                Map<String, ClassReport> reports = new LinkedHashMap<>();
                for (int i = 0; i < dataset.classNames().size(); i++) {
                    reports.put(dataset.classNames().get(i), new ClassReport(dataset.classNames().get(i), i));
                }
                dataset.samples().forEach(s -> reports.get(s.className()).found++);
                inspection.unusable().forEach(u -> reports.get(u.sample().className()).unreadable++);

                List<ManifestEntry> notExported = new ArrayList<>();
                for (UnusableSource u : inspection.unusable()) {
                    Sample s = u.sample();
                    notExported.add(ManifestEntry.notExported("", s.label(), s.className(), s.relativePath(), null, "unreadable", u.reason()));
                }
                for (SkippedFile f : dataset.skipped()) {
                    notExported.add(ManifestEntry.notExported("", -1, "", f.relativePath(), null, "skipped", f.reason()));
                }
                List<SourceImage> train = keepAccepted(split.train(), SplitName.TRAIN, request, reports, notExported);
                List<SourceImage> test = keepAccepted(split.test(), SplitName.TEST, request, reports, notExported);
                FaceStage faceStage = reader != null ? reader.stage() : faceStages.apply(config);
                if (reader == null) resources.add(faceStage);
                BlockRenderer renderer = new BlockRenderer(inspector, resizer, faceStage, config, parallel, cancellation);
                if (config.detectFaces()) {
                    train = keepScreened(train, screener.verdicts(), reports, notExported);
                    EmptyClasses.requireTrainImages(dataset, train, reports);
                }
                BalancePlan<SourceImage> plan = planner.plan(train, SourceImage::sample, config.seed(), config.balance());
                for (ClassBalance b : plan.classes()) {
                    reports.get(b.className()).trainOriginals = b.originalsKept();
                    reports.get(b.className()).plannedCopies = b.copies();
                }
                markSubsampled(train, plan, notExported);

                List<RenderJob> jobs = new ArrayList<>(plan.images().size() + test.size());
                Map<String, List<SourceImage>> pools = new HashMap<>();
                for (SourceImage s : train) pools.computeIfAbsent(s.sample().className(), k -> new ArrayList<>()).add(s);
                for (PlannedImage<SourceImage> p : plan.images()) {
                    jobs.add(p.isCopy() ? RenderJob.copy(p.source(), p.copyIndex(), pools.get(p.source().sample().className()))
                            : RenderJob.original(SplitName.TRAIN, p.source()));
                }
                for (SourceImage s : test) jobs.add(RenderJob.original(SplitName.TEST, s));

                List<String> notes = new ArrayList<>(leftOut);
                notes.addAll(split.notes());
                List<SkippedFile> notUsed = new ArrayList<>(dataset.skipped());
                inspection.unusable().forEach(u -> notUsed.add(new SkippedFile(u.sample().relativePath(), u.reason())));
                String faceDescription;
                try (ExportWriter writer = new ExportWriter(folder.path(), dataset.classNames(), config.dtype(),
                             config.formats(), config.outputSize(), codec)) {
                    faceDescription = faceStage.describe();
                    render(jobs, renderer, writer, reports, listener, cancellation);
                    for (ManifestEntry e : notExported) writer.record(e);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    PrepareReport report = new PrepareReport(folder.target(), new ArrayList<>(reports.values()),
                            notUsed, notes, unknownRejections, folder.cleanedUp(), dataset.samples().size(), seconds, faceDescription);
                    writer.finish(config, ReportJson.of(report));
                } catch (IOException | UncheckedIOException e) {
                    IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                    throw new ExportException("Export failed while writing to " + request.output() + ": " + IoMessages.describe(io), io);
                }
                cancellation.throwIfCancelled();
                folder.commit(Version.current());
                double seconds = (System.nanoTime() - started) / 1e9;
                return new PrepareReport(folder.target(), new ArrayList<>(reports.values()), notUsed, notes,
                        unknownRejections, folder.cleanedUp(), dataset.samples().size(), seconds, faceDescription);
            } catch (Parallel.PipelineFailure e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new ExportException("Export failed: " + IoMessages.describe(io), io);
                }
                throw new ExportException("Export failed: " + cause.getMessage(), cause);
            } finally {
                pool.shutdownNow();
                closeQuietly(resources);
            }
        }
    }

    private static List<SourceImage> keepAccepted(List<SourceImage> side, SplitName split, PrepareRequest request,
                                                  Map<String, ClassReport> reports, List<ManifestEntry> notExported) {
        List<SourceImage> kept = new ArrayList<>(side.size());
        for (SourceImage s : side) {
            ClassReport r = reports.get(s.sample().className());
            if (split == SplitName.TRAIN) r.splitTrain++; else r.splitTest++;
            if (request.rejected().contains(s.sample().relativePath())) {
                r.rejected++;
                notExported.add(ManifestEntry.notExported(split.id(), s.sample().label(), s.sample().className(),
                        s.sample().relativePath(), s.sha256(), "rejected", "rejected in review"));
            } else {
                kept.add(s);
            }
        }
        return kept;
    }

    private static void markSubsampled(List<SourceImage> train, BalancePlan<SourceImage> plan, List<ManifestEntry> notExported) {
        java.util.Set<SourceImage> kept = new java.util.HashSet<>();
        for (PlannedImage<SourceImage> p : plan.images()) if (!p.isCopy()) kept.add(p.source());
        for (SourceImage s : train) {
            if (!kept.contains(s)) {
                notExported.add(ManifestEntry.notExported("train", s.sample().label(), s.sample().className(),
                        s.sample().relativePath(), s.sha256(), "not used", "left out to meet the balance target of " + plan.target()));
            }
        }
    }

    /**
     * With detection on, a train source without exactly the face the policy wants is dropped before balancing
     * (verdicts from {@link SourceScreener}), so copies are planned over usable sources only and the exported classes
     * come out equal.
     */
    private static List<SourceImage> keepScreened(List<SourceImage> train, Map<SourceImage, FaceVerdict> verdicts,
                                                  Map<String, ClassReport> reports, List<ManifestEntry> notExported) {
        List<SourceImage> usable = new ArrayList<>(train.size());
        for (SourceImage s : train) {
            FaceVerdict v = verdicts.get(s);
            if (v == null) throw new IllegalStateException("no face verdict for " + s.sample().relativePath());
            if (v.accepted()) {
                usable.add(s);
            } else {
                reports.get(s.sample().className()).drop(v.reason());
                notExported.add(new ManifestEntry("train", -1, s.sample().label(), s.sample().className(),
                        s.sample().relativePath(), s.sha256(), "original", -1, 0, null, "dropped", v.reason(),
                        v.faceCount(), v.chosen(), 0));
            }
        }
        return usable;
    }

    private void render(List<RenderJob> jobs, BlockRenderer renderer, ExportWriter writer, Map<String, ClassReport> reports,
                        ProgressListener listener, Cancellation cancellation) throws IOException {
        ProgressTracker tracker = new ProgressTracker("Preparing images", jobs.size(), listener);
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "export-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> pendingWrite = null;
            for (List<RenderJob> jobBlock : blocks(jobs, BLOCK, RENDER_BLOCK_BYTES)) {
                cancellation.throwIfCancelled();
                List<RenderedSample> block = renderer.render(jobBlock, writer::encode);
                // written on the writer thread while the workers start on the next block; one writer keeps the order
                awaitWrite(pendingWrite);
                pendingWrite = writerThread.submit(() -> {
                    for (RenderedSample r : block) write(r, writer, reports);
                    tracker.advance(block.size());
                    return null;
                });
            }
            awaitWrite(pendingWrite);
        } finally {
            writerThread.shutdownNow();
        }
        tracker.finish();
    }

    /**
     * Consecutive blocks of at most maxJobs jobs whose sources' decoded pixels (known from the read step) add up to
     * at most maxSourceBytes, but at least two jobs a block. Depends only on the jobs, never on threads.
     */
    static List<List<RenderJob>> blocks(List<RenderJob> jobs, int maxJobs, long maxSourceBytes) {
        List<List<RenderJob>> blocks = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < jobs.size(); i++) {
            SourceImage s = jobs.get(i).source();
            long b = 3L * s.width() * s.height();
            int count = i - from;
            if (count >= maxJobs || (count >= 2 && bytes + b > maxSourceBytes)) {
                blocks.add(jobs.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += b;
        }
        if (from < jobs.size()) blocks.add(jobs.subList(from, jobs.size()));
        return blocks;
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

    private static void write(RenderedSample r, ExportWriter writer, Map<String, ClassReport> reports) throws IOException {
        RenderJob job = r.job();
        Sample s = job.source().sample();
        ClassReport report = reports.get(s.className());
        String kind = job.isCopy() ? "copy" : "original";
        FaceOutcome face = r.face();
        if (!r.exported()) {
            boolean unreadable = r.failure() != null;
            String reason = unreadable ? r.failure() : face.reason();
            report.drop(unreadable ? "unreadable" : face.reason());
            if (job.isCopy() && !unreadable) {
                reason = reason + " (gave up after " + (job.attempt() + 1) + " augmentations of " + job.pool().size() + " source(s))";
            }
            writer.record(new ManifestEntry(job.split().id(), -1, s.label(), s.className(), s.relativePath(),
                    job.source().sha256(), kind, job.copy(), job.attempt(), r.augmentation(),
                    unreadable ? "unreadable" : "dropped", reason,
                    face == null ? -1 : face.faceCount(), face == null ? null : face.detection(), 0));
            return;
        }
        String stem = stem(s.fileName()) + (job.isCopy() ? "_c" + job.copy() : "");
        long index = writer.append(job.split().id(), s.label(), r.encoded(), stem);
        if (job.split() == SplitName.TRAIN) report.exportedTrain++; else report.exportedTest++;
        writer.record(new ManifestEntry(job.split().id(), index, s.label(), s.className(), s.relativePath(),
                job.source().sha256(), kind, job.copy(), job.attempt(), job.isCopy() ? r.augmentation() : null,
                "ok", null, face.faceCount(), face.detection(), face.alignmentDegrees()));
    }

    /** Compiled once: String.replaceAll compiled it again for every row written. */
    private static final java.util.regex.Pattern UNSAFE_IN_FILE_NAMES = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}._-]");

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return UNSAFE_IN_FILE_NAMES.matcher(stem).replaceAll("_");
    }

    private static void closeQuietly(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // releasing native resources must not hide the real outcome
            }
        }
    }

}
