package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.augment.Augmenter;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.random.SeededRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a block of jobs: decode (and, in the study's order, augment) in parallel, run the face stage on the
 * whole block per split, retry copies whose face was lost with fresh augmentations (bounded by maxAttempts),
 * then (detect-first order: augment the aligned face and) resize and encode in parallel. Results are in job
 * order and depend only on the jobs and the config, never on threads or timing.
 *
 * <p>Sources are decoded once for the jobs that use them ({@link DecodedSources}): within a block, and from one block
 * to the next where a later block copies the source again. Retries are frequent in the study's order, where MTCNN
 * misses many faces rotated by 45-90 degrees, and small classes get many copies of few sources.
 */
final class BlockRenderer {
    private final SourceReader reader;
    private final Augmenter augmenter;
    private final ImageResizer resizer;
    private final FaceStage faceStage;
    private final PrepareConfig config;
    private final Parallel parallel;
    private final Cancellation cancellation;
    private final boolean detectFirst;
    private final long maxDecodedBytes;
    private final long keptDecodedBytes;
    /** Originals' rows made in the read step (no detection only), or null. */
    private final OriginalRows originals;

    BlockRenderer(SourceReader reader, ImageResizer resizer, FaceStage faceStage, PrepareConfig config,
                  Parallel parallel, Cancellation cancellation) {
        this(reader, resizer, faceStage, config, parallel, cancellation, PreparePipeline.RENDER_BLOCK_BYTES,
                PreparePipeline.keptSourceBytes(), null);
    }

    BlockRenderer(SourceReader reader, ImageResizer resizer, FaceStage faceStage, PrepareConfig config,
                  Parallel parallel, Cancellation cancellation, long maxDecodedBytes, long keptDecodedBytes,
                  OriginalRows originals) {
        if (originals != null && faceStage != FaceStage.WHOLE_IMAGE) {
            throw new IllegalArgumentException("originals' rows are the whole image resized: detection must be off");
        }
        this.maxDecodedBytes = maxDecodedBytes;
        this.keptDecodedBytes = keptDecodedBytes;
        this.originals = originals;
        this.reader = reader;
        this.augmenter = new Augmenter(config.augmentation().border());
        this.resizer = resizer;
        this.faceStage = faceStage;
        this.config = config;
        this.parallel = parallel;
        this.cancellation = cancellation;
        this.detectFirst = config.detectFaces() && config.face().order() == PipelineOrder.DETECT_THEN_AUGMENT;
    }

    /** Originals rendered from rows the read step made, so far. */
    int originalsFromRead() {
        return originals == null ? 0 : originals.taken();
    }

    /** What the face stage made of a job's image (before resizing). */
    private record Located(RenderJob job, Augmentation augmentation, FaceOutcome face, String failure,
                           List<DiscardedAttempt> discarded) { }

    private record Prepared(RenderJob job, Augmentation augmentation, RgbImage image, String failure) { }

    /** The decodings the jobs of {@code blocks} share, rendered in order by {@link #render}. */
    DecodedSources sourcesFor(List<List<RenderJob>> blocks) {
        return DecodedSources.forBlocks(blocks, reader, maxDecodedBytes, keptDecodedBytes);
    }

    /** Renders block {@code index} of those {@code decoded} was made for; blocks go in ascending order. */
    List<RenderedSample> render(int index, List<RenderJob> block, DecodedSources decoded,
                                Function<RgbImage, org.ferworkbench.core.export.ExportWriter.EncodedSample> encoder) {
        List<Located> located = locate(block, decoded);
        decoded.endBlock(index, block);
        int size = config.outputSize();
        return parallel.map(located, l -> {
            if (l.failure() != null || !l.face().accepted()) {
                return new RenderedSample(l.job(), l.augmentation(), l.face(), null, l.failure(), l.discarded());
            }
            RgbImage face = l.face().face();
            if (detectFirst && l.job().isCopy()) face = augmenter.apply(face, l.augmentation());
            return new RenderedSample(l.job(), l.augmentation(), l.face(), encoder.apply(resizer.resize(face, size, size)), null,
                    l.discarded());
        }, cancellation, null);
    }

    private List<Located> locate(List<RenderJob> block, DecodedSources decoded) {
        Located[] done = new Located[block.size()];
        List<Integer> pending = new ArrayList<>();
        List<RenderJob> current = new ArrayList<>(block);
        // the attempts of each job that lost their face and were drawn again, in attempt order (for attempts.csv)
        List<List<DiscardedAttempt>> discarded = new ArrayList<>(block.size());
        for (int i = 0; i < block.size(); i++) discarded.add(List.of());
        for (int i = 0; i < block.size(); i++) pending.add(i);
        while (!pending.isEmpty()) {
            cancellation.throwIfCancelled();
            List<Integer> round = pending;
            List<Prepared> prepared = parallel.map(round, i -> prepare(current.get(i), decoded), cancellation, null);
            List<Integer> retry = new ArrayList<>();
            for (SplitName split : SplitName.values()) {
                List<Integer> idx = new ArrayList<>();
                List<FaceRequest> requests = new ArrayList<>();
                for (int k = 0; k < round.size(); k++) {
                    Prepared p = prepared.get(k);
                    if (p.job().split() != split || p.failure() != null) continue;
                    idx.add(k);
                    boolean unmodified = !p.job().isCopy() || detectFirst;
                    requests.add(new FaceRequest(p.image(), unmodified ? p.job().source().sha256() : null));
                }
                if (requests.isEmpty()) continue;
                List<FaceOutcome> outcomes = faceStage.locate(requests, split, parallel);
                for (int j = 0; j < idx.size(); j++) {
                    int k = idx.get(j);
                    int slot = round.get(k);
                    Prepared p = prepared.get(k);
                    FaceOutcome outcome = outcomes.get(j);
                    boolean canRetry = !detectFirst && p.job().isCopy()
                            && p.job().attempt() + 1 < p.job().attemptBudget(config.maxAttempts());
                    if (!outcome.accepted() && canRetry) {
                        List<DiscardedAttempt> so = new ArrayList<>(discarded.get(slot));
                        so.add(new DiscardedAttempt(p.job(), p.augmentation(), outcome.reason(), outcome.faceCount()));
                        discarded.set(slot, List.copyOf(so));
                        current.set(slot, p.job().nextAttempt(config.maxAttempts()));
                        retry.add(slot);
                    } else {
                        done[slot] = new Located(p.job(), p.augmentation(), outcome, null, discarded.get(slot));
                    }
                }
            }
            for (int k = 0; k < round.size(); k++) {
                Prepared p = prepared.get(k);
                if (p.failure() != null) {
                    done[round.get(k)] = new Located(p.job(), p.augmentation(), null, p.failure(), discarded.get(round.get(k)));
                }
            }
            retry.sort(null);
            pending = retry;
        }
        return List.of(done);
    }

    /**
     * Decodes the source, or takes an original's row the read step kept (already at the output size, which the
     * whole-image face stage passes on and the resize leaves as it is); in the study's order a copy is augmented here,
     * before the face stage.
     */
    private Prepared prepare(RenderJob job, DecodedSources decoded) {
        RgbImage kept = originals == null || job.isCopy() ? null : originals.take(job.source());
        if (kept != null) return new Prepared(job, Augmentation.IDENTITY, kept, null);
        SourceRead loaded = decoded.load(job.source());
        if (loaded.failure() != null) return new Prepared(job, null, null, loaded.failure().reason());
        if (!loaded.source().sha256().equals(job.source().sha256())) {
            return new Prepared(job, null, null, "file changed while the export was running");
        }
        if (!job.isCopy()) return new Prepared(job, Augmentation.IDENTITY, loaded.image(), null);
        long seed = job.switchedSource()
                ? SeededRandom.deriveSeed(config.seed(), "augment", job.source().sample().relativePath(), job.copy(), job.attempt(),
                        job.planned().sample().relativePath())
                : SeededRandom.deriveSeed(config.seed(), "augment", job.source().sample().relativePath(), job.copy(), job.attempt());
        Augmentation a = config.augmentation().sample(seed);
        RgbImage image = detectFirst ? loaded.image() : augmenter.apply(loaded.image(), a);
        return new Prepared(job, a, image, null);
    }
}
