package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.augment.Augmenter;
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
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;
import org.ferworkbench.core.random.SeededRandom;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The whole preparation: scan -> read and decode (unreadable files listed) -> stratified split -> remove
 * rejected images -> balance plan (train only) -> render (augment -> face stage -> resize) -> export.
 * Rendering runs in fixed-size blocks: images of a block are decoded and augmented in parallel, handed to the
 * face stage together (so a detector can batch them), resized in parallel, then written in plan order. Block
 * size does not depend on the thread count and every copy has its own seed, so the arrays are byte-identical
 * whatever the number of threads.
 */
public final class PreparePipeline {
    /** Images per render block: large enough to batch a detector, small enough to keep memory flat. */
    static final int BLOCK = 256;

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

    /** A pipeline with detection off only (the face stage factory refuses detection). */
    public static PreparePipeline withoutDetection() {
        ImageCodec codec = new ImageCodec();
        return new PreparePipeline(new DatasetScanner(), new SourceInspector(codec), new StratifiedSplitter(),
                new BalancePlanner(), codec, new ImageResizer(), config -> {
                    if (config.detectFaces()) {
                        throw new IllegalStateException("face detection is not available in this build; use --no-detect");
                    }
                    return FaceStage.WHOLE_IMAGE;
                });
    }

    private record Job(SplitName split, SourceImage source, int copy, int attempt) {
        boolean isCopy() {
            return copy >= 0;
        }
    }

    private record Rendered(Job job, Augmentation augmentation, RgbImage image, String failure) { }

    public PrepareReport run(PrepareRequest request, ProgressListener listener, Cancellation cancellation)
            throws DatasetException, ExportException {
        long started = System.nanoTime();
        PrepareConfig config = request.config();
        // fail on the output before spending minutes on the input
        try (StagedFolder folder = StagedFolder.create(request.output(), request.overwrite())) {
            Dataset dataset = scanner.scan(request.dataset());
            ExecutorService pool = Executors.newFixedThreadPool(request.threads(), daemonThreads());
            try {
                Parallel parallel = new Parallel(pool, request.threads());
                SourceInspector.Inspection inspection = inspector.inspect(dataset.samples(), parallel, listener, cancellation);
                if (inspection.usable().isEmpty()) {
                    throw new DatasetException("None of the " + dataset.samples().size() + " images in " + request.dataset()
                            + " could be read");
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
                BalancePlan<SourceImage> plan = planner.plan(train, SourceImage::sample, config.seed(), config.balance());
                for (ClassBalance b : plan.classes()) {
                    reports.get(b.className()).trainOriginals = b.originalsKept();
                    reports.get(b.className()).plannedCopies = b.copies();
                }
                markSubsampled(train, plan, notExported);

                List<Job> jobs = new ArrayList<>(plan.images().size() + test.size());
                for (PlannedImage<SourceImage> p : plan.images()) jobs.add(new Job(SplitName.TRAIN, p.source(), p.copyIndex(), 0));
                for (SourceImage s : test) jobs.add(new Job(SplitName.TEST, s, PlannedImage.ORIGINAL, 0));

                List<String> notes = new ArrayList<>(split.notes());
                List<SkippedFile> notUsed = new ArrayList<>(dataset.skipped());
                inspection.unusable().forEach(u -> notUsed.add(new SkippedFile(u.sample().relativePath(), u.reason())));
                String faceDescription;
                try (FaceStage faceStage = faceStages.apply(config);
                     ExportWriter writer = new ExportWriter(folder.path(), dataset.classNames(), config.dtype(),
                             config.formats(), config.outputSize(), codec)) {
                    faceDescription = faceStage.describe();
                    render(jobs, config, faceStage, writer, parallel, reports, listener, cancellation);
                    for (ManifestEntry e : notExported) writer.record(e);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    PrepareReport report = new PrepareReport(folder.target(), new ArrayList<>(reports.values()),
                            notUsed, notes, dataset.samples().size(), seconds, faceDescription);
                    writer.finish(config, ReportJson.of(report));
                } catch (IOException | UncheckedIOException e) {
                    IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                    throw new ExportException("Export failed while writing to " + request.output() + ": " + IoMessages.describe(io), io);
                }
                cancellation.throwIfCancelled();
                folder.commit();
                double seconds = (System.nanoTime() - started) / 1e9;
                return new PrepareReport(folder.target(), new ArrayList<>(reports.values()), notUsed, notes,
                        dataset.samples().size(), seconds, faceDescription);
            } catch (Parallel.PipelineFailure e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new ExportException("Export failed: " + IoMessages.describe(io), io);
                }
                throw new ExportException("Export failed: " + cause.getMessage(), cause);
            } finally {
                pool.shutdownNow();
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

    private void render(List<Job> jobs, PrepareConfig config, FaceStage faceStage, ExportWriter writer, Parallel parallel,
                        Map<String, ClassReport> reports, ProgressListener listener, Cancellation cancellation) throws IOException {
        Augmenter augmenter = new Augmenter(config.augmentation().border());
        ProgressTracker tracker = new ProgressTracker("Preparing images", jobs.size(), listener);
        int size = config.outputSize();
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "export-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            renderBlocks(jobs, config, faceStage, writer, parallel, reports, cancellation, augmenter, tracker, size, writerThread);
        } finally {
            writerThread.shutdownNow();
        }
    }

    private static void awaitWrite(java.util.concurrent.Future<?> write) throws IOException {
        if (write == null) return;
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("Interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    private void renderBlocks(List<Job> jobs, PrepareConfig config, FaceStage faceStage, ExportWriter writer,
                              Parallel parallel, Map<String, ClassReport> reports, Cancellation cancellation,
                              Augmenter augmenter, ProgressTracker tracker, int size, ExecutorService writerThread)
            throws IOException {
        java.util.concurrent.Future<?> pendingWrite = null;
        for (int from = 0; from < jobs.size(); from += BLOCK) {
            cancellation.throwIfCancelled();
            List<Job> block = jobs.subList(from, Math.min(jobs.size(), from + BLOCK));
            Rendered[] done = new Rendered[block.size()];
            FaceOutcome[] faces = new FaceOutcome[block.size()];
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < block.size(); i++) pending.add(i);
            Map<Integer, Job> current = new HashMap<>();
            for (int i = 0; i < block.size(); i++) current.put(i, block.get(i));
            while (!pending.isEmpty()) {
                List<Job> round = pending.stream().map(current::get).toList();
                List<Rendered> rendered = parallel.map(round, job -> decodeAndAugment(job, config, augmenter), cancellation, null);
                // the face stage gets each split separately (its policy differs per split)
                List<Integer> next = new ArrayList<>();
                for (SplitName split : SplitName.values()) {
                    List<Integer> idx = new ArrayList<>();
                    List<RgbImage> images = new ArrayList<>();
                    for (int k = 0; k < round.size(); k++) {
                        Rendered r = rendered.get(k);
                        if (r.job().split() == split && r.failure() == null) {
                            idx.add(k);
                            images.add(r.image());
                        }
                    }
                    List<FaceOutcome> outcomes = images.isEmpty() ? List.of() : faceStage.locate(images, split);
                    for (int j = 0; j < idx.size(); j++) {
                        int k = idx.get(j);
                        int slot = pending.get(k);
                        FaceOutcome outcome = outcomes.get(j);
                        Job job = round.get(k);
                        if (!outcome.accepted() && job.isCopy() && job.attempt() + 1 < config.maxAttempts()) {
                            current.put(slot, new Job(job.split(), job.source(), job.copy(), job.attempt() + 1));
                            next.add(slot);
                        } else {
                            done[slot] = rendered.get(k);
                            faces[slot] = outcome;
                        }
                    }
                }
                for (int k = 0; k < round.size(); k++) {
                    if (rendered.get(k).failure() != null) done[pending.get(k)] = rendered.get(k);
                }
                pending = next;
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < block.size(); i++) all.add(i);
            List<ExportWriter.EncodedSample> encoded = parallel.map(all,
                    i -> faces[i] != null && faces[i].accepted() ? writer.encode(resizer.resize(faces[i].face(), size, size)) : null,
                    cancellation, null);
            // write this block on the writer thread while the workers start on the next one (order kept: one writer)
            awaitWrite(pendingWrite);
            int blockSize = block.size();
            pendingWrite = writerThread.submit(() -> {
                for (int i = 0; i < blockSize; i++) write(done[i], faces[i], encoded.get(i), writer, reports);
                tracker.advance(blockSize);
                return null;
            });
        }
        awaitWrite(pendingWrite);
        tracker.finish();
    }

    private void write(Rendered r, FaceOutcome face, ExportWriter.EncodedSample finalImage, ExportWriter writer,
                       Map<String, ClassReport> reports) throws IOException {
        Job job = r.job();
        Sample s = job.source().sample();
        ClassReport report = reports.get(s.className());
        String kind = job.isCopy() ? "copy" : "original";
        if (r.failure() != null || face == null || !face.accepted()) {
            String reason = r.failure() != null ? r.failure() : face.reason();
            if (job.isCopy() && r.failure() == null) reason = reason + " (after " + (job.attempt() + 1) + " augmentations)";
            report.drop(r.failure() != null ? "unreadable" : face.reason());
            writer.record(new ManifestEntry(job.split().id(), -1, s.label(), s.className(), s.relativePath(),
                    job.source().sha256(), kind, job.copy(), job.attempt(), r.augmentation(),
                    r.failure() != null ? "unreadable" : "dropped", reason,
                    face == null ? -1 : face.faceCount(), face == null ? null : face.detection(), 0));
            return;
        }
        String stem = stem(s.fileName()) + (job.isCopy() ? "_c" + job.copy() : "");
        long index = writer.append(job.split().id(), s.label(), finalImage, stem);
        if (job.split() == SplitName.TRAIN) report.exportedTrain++; else report.exportedTest++;
        writer.record(new ManifestEntry(job.split().id(), index, s.label(), s.className(), s.relativePath(),
                job.source().sha256(), kind, job.copy(), job.attempt(), job.isCopy() ? r.augmentation() : null,
                "ok", null, face.faceCount(), face.detection(), face.alignmentDegrees()));
    }

    private Rendered decodeAndAugment(Job job, PrepareConfig config, Augmenter augmenter) {
        SourceInspector.LoadedSource loaded = inspector.load(job.source().sample());
        if (loaded.failure() != null) {
            return new Rendered(job, null, null, loaded.failure().reason());
        }
        if (!loaded.source().sha256().equals(job.source().sha256())) {
            return new Rendered(job, null, null, "file changed while the export was running");
        }
        if (!job.isCopy()) {
            return new Rendered(job, Augmentation.IDENTITY, loaded.image(), null);
        }
        long seed = SeededRandom.deriveSeed(config.seed(), "augment", job.source().sample().relativePath(), job.copy(), job.attempt());
        Augmentation a = config.augmentation().sample(seed);
        return new Rendered(job, a, augmenter.apply(loaded.image(), a), null);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return stem.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "prepare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
