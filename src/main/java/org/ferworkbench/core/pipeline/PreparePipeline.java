package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.read.DetectingReader;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.Reading;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.read.FacesBySource;
import org.ferworkbench.core.analysis.AnalysisStages;
import org.ferworkbench.core.analysis.FaceAnalysisCache;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.read.UnusableSource;
import org.ferworkbench.core.report.ClassReport;
import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.report.ReportJson;
import org.ferworkbench.core.report.SummaryFacts;
import org.ferworkbench.core.runtime.Version;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.export.IoMessages;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.export.StagedFolder;
import org.ferworkbench.core.plan.ExportPlan;
import org.ferworkbench.core.plan.ExportPlanner;
import org.ferworkbench.core.plan.PlannedJob;
import org.ferworkbench.core.plan.SourceFacts;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

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
     * rounds (512 was measurably faster than 256: docs/benchmarks.md), small enough to keep memory flat.
     */
    static final int BLOCK = 512;
    /**
     * Decoded source pixels a render block may hold (each job also holds an augmented copy and an aligned face): a
     * block of large photos gets fewer jobs, so memory stays bounded whatever the photos.
     */
    static final long RENDER_BLOCK_BYTES = 96L << 20;

    /**
     * Decoded source pixels kept from one render block for the copies of later blocks ({@link DecodedSources}): at
     * most 128 MB and a sixteenth of the largest heap (64 MB with -Xmx1g), about 2,600 decoded 128x128 sources.
     */
    static long keptSourceBytes() {
        return Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 16);
    }

    private final DatasetScanner scanner;
    private final SourceReader reader;
    private final ExportPlanner exportPlanner;
    private final ImageCodec codec;
    private final ImageResizer resizer;
    private final Function<PrepareConfig, FaceStage> faceStages;
    private final Function<PrepareConfig, SourceAnalyzer> analyzers;
    private final int blockJobs;
    private final long blockBytes;
    /** Bytes of originals' rows the read step may keep ({@link OriginalRows}); negative: the default budget. */
    private final long originalRowsBudget;

    public PreparePipeline(DatasetScanner scanner, SourceReader reader, ExportPlanner exportPlanner,
                           ImageCodec codec, ImageResizer resizer,
                           Function<PrepareConfig, FaceStage> faceStages, Function<PrepareConfig, SourceAnalyzer> analyzers) {
        this.scanner = scanner;
        this.reader = reader;
        this.exportPlanner = exportPlanner;
        this.codec = codec;
        this.resizer = resizer;
        this.faceStages = faceStages;
        this.analyzers = analyzers;
        this.blockJobs = BLOCK;
        this.blockBytes = RENDER_BLOCK_BYTES;
        this.originalRowsBudget = -1;
    }

    private PreparePipeline(PreparePipeline p, int blockJobs, long blockBytes, long originalRowsBudget) {
        this.scanner = p.scanner;
        this.reader = p.reader;
        this.exportPlanner = p.exportPlanner;
        this.codec = p.codec;
        this.resizer = p.resizer;
        this.faceStages = p.faceStages;
        this.analyzers = p.analyzers;
        this.blockJobs = blockJobs;
        this.blockBytes = blockBytes;
        this.originalRowsBudget = originalRowsBudget;
    }

    /**
     * The same pipeline rendering in smaller blocks than {@link #BLOCK} jobs and {@link #RENDER_BLOCK_BYTES}: for tests
     * that need many blocks (shard boundaries) from a small dataset. Exports of two pipelines with different blocks may
     * differ in the last float bit of a detection, as MTCNN's batches differ.
     */
    public PreparePipeline withRenderBlocks(int jobs, long sourceBytes) {
        return new PreparePipeline(this, jobs, sourceBytes, originalRowsBudget);
    }

    /** The same pipeline keeping at most {@code bytes} of originals' rows from the read step (tests: some, none). */
    PreparePipeline withOriginalRowsBudget(long bytes) {
        return new PreparePipeline(this, blockJobs, blockBytes, bytes);
    }

    /**
     * The standard pipeline: MTCNN + alignment when the config asks for detection, face analysis when it groups
     * identities; detections cached in {@code cache}, analyses in the user's cache (in memory when {@code cache} is,
     * in its folder's faces/ when it is shared).
     */
    public static PreparePipeline standard(org.ferworkbench.core.face.DetectionCache cache) {
        // a shared detection cache (a cluster's) keeps the face analyses beside the detections, shared the same way
        FaceAnalysisCache analyses = cache.inMemory() ? new FaceAnalysisCache(null)
                : cache.shared() ? new FaceAnalysisCache(cache.directory().resolve("faces"), true)
                : new FaceAnalysisCache(FaceAnalysisCache.defaultDirectory());
        return create(FaceStages.standard(cache), AnalysisStages.standard(analyses));
    }

    private static PreparePipeline create(Function<PrepareConfig, FaceStage> faceStages,
                                          Function<PrepareConfig, SourceAnalyzer> analyzers) {
        ImageCodec codec = new ImageCodec();
        return new PreparePipeline(new DatasetScanner(), new SourceReader(codec), new ExportPlanner(),
                codec, new ImageResizer(), faceStages, analyzers);
    }

    /** A pipeline with detection off only (the face stage factory refuses detection, and identities). */
    public static PreparePipeline withoutDetection() {
        return create(config -> {
            if (config.detectFaces()) {
                throw new IllegalStateException("face detection is not available in this build; use --no-detect");
            }
            return FaceStage.WHOLE_IMAGE;
        }, config -> {
            throw new IllegalStateException("identity grouping is not available in this build; use --group none");
        });
    }

    /** What the read step leaves for planning and rendering: the sources, their faces, and the face stage. */
    private record Read(Dataset dataset, Reading reading, Supplier<FaceStage> faceStage,
                        Map<String, SourceFacts> facts, Parallel parallel, OriginalRows originals) { }

    /**
     * Scans and reads the dataset; with detection on, every source is detected as it is decoded ({@link DetectingReader})
     * while the face stage loads, so planning needs no second decoding and rendering finds the detections cached. What
     * must be closed is added to {@code resources}.
     */
    private Read read(PrepareRequest request, ExecutorService pool, List<AutoCloseable> resources, ProgressListener listener,
                      Cancellation cancellation) throws DatasetException {
        return read(request, pool, resources, listener, cancellation, request.config().split().needsIdentities(),
                java.util.function.UnaryOperator.identity(), false);
    }

    /**
     * @param analyse        whether each source's face goes through the face-api nets (identities, label check)
     * @param part           which of the dataset's samples to read (all of them to plan)
     * @param keepOriginals  whether every original will be rendered by this process: then, without detection, the read
     *                       step keeps the originals' rows ({@link OriginalRows}) while its budget lasts
     */
    private Read read(PrepareRequest request, ExecutorService pool, List<AutoCloseable> resources, ProgressListener listener,
                      Cancellation cancellation, boolean analyse, java.util.function.UnaryOperator<List<Sample>> part,
                      boolean keepOriginals)
            throws DatasetException {
        PrepareConfig config = request.config();
        Dataset scanned = scanner.scan(request.dataset());
        Dataset dataset = new Dataset(scanned.root(), scanned.classNames(), part.apply(scanned.samples()), scanned.skipped());
        Parallel parallel = new Parallel(pool, request.threads());
        // with detection or analysis, each block of decoded sources goes through the face steps before it is dropped
        DetectingReader<FaceStage> detecting = config.detectFaces() || analyse
                ? DetectingReader.start(reader, dataset.samples(), () -> faceStages.apply(config)) : null;
        // without detection an original's row is its resized whole image, made here from the pixels just decoded
        OriginalRows originals = keepOriginals && detecting == null
                ? new OriginalRows(resizer, config.outputSize(),
                        originalRowsBudget < 0 ? OriginalRows.defaultBudget() : originalRowsBudget) : null;
        if (detecting != null) resources.add(detecting);
        FacesBySource faces = new FacesBySource(parallel);
        SourceAnalyzer analyzer = analyse ? analyzers.apply(config) : null;
        if (analyzer != null) resources.add(analyzer);
        AnalysisBySource analyses = new AnalysisBySource(analyzer, parallel, cancellation);
        Reading reading = detecting != null
                ? detecting.read(dataset.samples(), (stage, decoded) -> {
                    if (config.detectFaces()) faces.detect(stage, decoded);
                    if (analyzer != null) analyses.analyse(decoded, config.detectFaces() ? faces.faces() : null);
                }, parallel, listener, cancellation)
                : reader.readAll(dataset.samples(), parallel, listener, cancellation,
                        originals == null ? read -> { } : originals::keep);
        boolean wholeDataset = dataset.samples().size() == scanned.samples().size();
        if (reading.usable().isEmpty() && wholeDataset) {
            throw new DatasetException("None of the " + dataset.samples().size() + " images in " + request.dataset()
                    + " could be read");
        }
        Supplier<FaceStage> stage = detecting != null ? detecting::stage : () -> {
            FaceStage whole = faceStages.apply(config);
            resources.add(whole);
            return whole;
        };
        Map<String, SourceFacts> facts = facts(reading, config.detectFaces() ? faces.faces() : Map.of());
        if (analyzer != null) analyses.addTo(facts);
        return new Read(dataset, reading, stage, facts, parallel, originals);
    }

    /**
     * The plan of an export without running it: reads every image (with detection on, detects faces, using and
     * filling the detection cache) and plans, but renders and writes nothing; the output folder is not touched.
     */
    public ExportPlan plan(PrepareRequest request, ProgressListener listener, Cancellation cancellation) throws DatasetException {
        List<AutoCloseable> resources = new ArrayList<>();
        ExecutorService pool = Parallel.daemonPool("prepare", request.threads());
        try {
            Read read = read(request, pool, resources, listener, cancellation);
            if (request.config().detectFaces()) read.faceStage().get(); // a detector that failed to load says so here too
            return exportPlanner.plan(read.dataset(), read.facts(), request.rejected(), request.groups(),
                    request.config(), request.emptyClass());
        } catch (Parallel.PipelineFailure e) {
            throw new IllegalStateException("Reading failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            closeQuietly(resources);
        }
    }

    /**
     * Reads some of the dataset's sources as prepare's read step does, detecting (and analysing) their faces as the
     * config asks: fills the detection and analysis caches for a later prepare, e.g. one part per node of a cluster
     * (prepare --shard K/N --warm-cache). Writes nothing else.
     *
     * @param part which of the dataset's samples (in scan order) to read
     */
    public SourceSurvey read(PrepareRequest request, java.util.function.UnaryOperator<List<Sample>> part,
                             ProgressListener listener, Cancellation cancellation) throws DatasetException {
        return survey(request, part, request.config().split().needsIdentities(), listener, cancellation);
    }

    /**
     * What is known of every source after reading it as prepare does, with each face analysed by the face-api nets
     * (descriptor, expressions) whatever the config groups by: the label check of {@code stats} and the app. Writes
     * nothing; uses and fills the detection and analysis caches.
     */
    public SourceSurvey survey(PrepareRequest request, ProgressListener listener, Cancellation cancellation) throws DatasetException {
        return survey(request, java.util.function.UnaryOperator.identity(), true, listener, cancellation);
    }

    private SourceSurvey survey(PrepareRequest request, java.util.function.UnaryOperator<List<Sample>> part, boolean analyse,
                                ProgressListener listener, Cancellation cancellation) throws DatasetException {
        List<AutoCloseable> resources = new ArrayList<>();
        ExecutorService pool = Parallel.daemonPool("survey", request.threads());
        try {
            Read read = read(request, pool, resources, listener, cancellation, analyse, part, false);
            if (request.config().detectFaces()) read.faceStage().get(); // a detector that failed to load says so
            return new SourceSurvey(read.dataset(), read.reading(), read.facts());
        } catch (Parallel.PipelineFailure e) {
            throw new IllegalStateException("Reading failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            closeQuietly(resources);
        }
    }

    public PrepareReport run(PrepareRequest request, ProgressListener listener, Cancellation cancellation)
            throws DatasetException, ExportException {
        PrepareConfig config = request.config();
        // fail on the output before spending minutes on the input
        try (StagedFolder folder = StagedFolder.create(request.output(), request.overwrite(), request.keptPaths());
             PlannedExport export = open(request, true, listener, cancellation)) {
            Map<String, ClassReport> reports = export.newReports();
            ExportPlan plan = export.plan();
            try (ExportWriter writer = new ExportWriter(folder.path(), plan.dataset().classNames(), config.dtype(),
                    config.formats(), config.outputSize(), codec, plan.groupOf())) {
                RowRecorder recorder = new RowRecorder(writer, reports);
                export.render(0, export.blockCount(), recorder::write, listener);
                for (ManifestEntry e : export.notRendered()) recorder.write(e);
                writer.finish(config, ReportJson.of(export.facts(), new ArrayList<>(reports.values())));
            } catch (IOException | UncheckedIOException e) {
                throw ExportException.whileWriting("Export", request.output(), e);
            }
            cancellation.throwIfCancelled();
            folder.commit(Version.current());
            return export.report(folder.target(), reports, folder.cleanedUp());
        } catch (Parallel.PipelineFailure e) {
            throw failure(e);
        }
    }

    /** A worker's failure as the export's error. */
    public static ExportException failure(Parallel.PipelineFailure e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) return new ExportException("Export failed: " + IoMessages.describe(io), io);
        return new ExportException("Export failed: " + cause.getMessage(), cause);
    }

    /**
     * Reads the dataset (detecting faces with detection on) and plans the export, ready to render in whole or in
     * blocks. The caller closes it (worker threads, face stage).
     *
     * @throws Parallel.PipelineFailure when a worker failed while reading
     */
    public PlannedExport open(PrepareRequest request, ProgressListener listener, Cancellation cancellation)
            throws DatasetException {
        return open(request, false, listener, cancellation);
    }

    /**
     * @param renderAll whether the caller will render every block (a one-machine prepare), not a part of them (a shard):
     *                  then the read step may keep the originals' rows for rendering ({@link OriginalRows})
     */
    private PlannedExport open(PrepareRequest request, boolean renderAll, ProgressListener listener,
                               Cancellation cancellation) throws DatasetException {
        long started = System.nanoTime();
        PrepareConfig config = request.config();
        List<AutoCloseable> resources = new ArrayList<>();
        ExecutorService pool = Parallel.daemonPool("prepare", request.threads());
        AutoCloseable release = () -> {
            pool.shutdownNow();
            closeQuietly(resources);
        };
        try {
            Read read = read(request, pool, resources, listener, cancellation,
                    request.config().split().needsIdentities(), java.util.function.UnaryOperator.identity(), renderAll);
            Dataset dataset = read.dataset();
            // read -> plan -> render -> write: the plan decides every row, before a pixel is rendered
            ExportPlan plan = exportPlanner.plan(dataset, read.facts(), request.rejected(), request.groups(), config,
                    request.emptyClass());
            FaceStage faceStage = read.faceStage().get();
            BlockRenderer renderer = new BlockRenderer(reader, resizer, faceStage, config, read.parallel(), cancellation,
                    blockBytes, keptSourceBytes(), read.originals());
            if (read.originals() != null) resources.add(read.originals()::release);
            SummaryFacts facts = new SummaryFacts(
                    org.ferworkbench.core.dataset.FileNames.path(plan.dataset().root().toAbsolutePath()),
                    faceStage.describe(), dataset.samples().size(), org.ferworkbench.core.plan.PlanJson.classes(plan),
                    org.ferworkbench.core.plan.PlanJson.groups(plan), PlannedExport.notUsed(plan), plan.notes(),
                    unknownRejections(dataset, request.rejected()));
            int size = config.outputSize();
            var formats = config.formats();
            return new PlannedExport(request, plan, blocks(renderJobs(plan), blockJobs, blockBytes), renderer,
                    image -> ExportWriter.encode(image, size, formats, codec), facts, dataset.samples().size(), started,
                    cancellation, release, read.facts());
        } catch (DatasetException | RuntimeException | Error e) {
            closeQuietly(List.of(release));
            throw e;
        }
    }

    /** What the read step learned of each sample, for the planner (faces only with detection on). */
    static Map<String, SourceFacts> facts(Reading reading,
                                          Map<SourceImage, List<org.ferworkbench.core.face.FaceDetection>> faces) {
        Map<String, SourceFacts> facts = new HashMap<>();
        for (SourceImage s : reading.usable()) {
            facts.put(s.sample().relativePath(), SourceFacts.readable(s.sample(), s.sha256(), s.width(), s.height(), faces.get(s),
                    s.fingerprint()));
        }
        for (UnusableSource u : reading.unusable()) {
            facts.put(u.sample().relativePath(), SourceFacts.unreadable(u.sample(), u.reason()));
        }
        return facts;
    }

    /** Review rejections that name no image of the dataset, sorted (renamed or deleted since the review). */
    static List<String> unknownRejections(Dataset dataset, java.util.Set<String> rejected) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Sample s : dataset.samples()) known.add(s.relativePath());
        return rejected.stream().filter(r -> !known.contains(r)).sorted().toList();
    }

    /** The plan's jobs as the renderer's, one source object per file (a copy's pool refers to the same ones). */
    private static List<RenderJob> renderJobs(ExportPlan plan) {
        Map<SourceFacts, SourceImage> images = new java.util.IdentityHashMap<>();
        java.util.function.Function<SourceFacts, SourceImage> image = f -> images.computeIfAbsent(f,
                k -> new SourceImage(k.sample(), k.sha256(), k.width(), k.height(), k.fingerprint()));
        Map<List<SourceFacts>, List<SourceImage>> pools = new java.util.IdentityHashMap<>();
        List<RenderJob> jobs = new ArrayList<>(plan.jobs().size());
        for (PlannedJob j : plan.jobs()) {
            if (!j.isCopy()) {
                jobs.add(RenderJob.original(j.split(), image.apply(j.source())));
            } else {
                List<SourceImage> pool = pools.computeIfAbsent(j.pool(), p -> p.stream().map(image).toList());
                jobs.add(RenderJob.copy(image.apply(j.source()), j.copy(), pool));
            }
        }
        return jobs;
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
