package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.export.ExportWriter;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BlockRendererTest {
    @TempDir
    Path tmp;

    private final SourceReader reader = new SourceReader(new ImageCodec());
    private final PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(16);

    /**
     * A face stage that loses the face of every augmented copy the first time it sees the block, and removes the
     * source file from disk meanwhile: a retry can only succeed if it reuses the image decoded the first time.
     */
    private FaceStage losingCopiesOnce(Path file, AtomicInteger calls) {
        return new FaceStage() {
            @Override
            public List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split, Parallel workers) {
                boolean first = calls.getAndIncrement() == 0;
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return requests.stream().map(r -> first && r.sourceSha256() == null
                        ? FaceOutcome.rejected("no face", 0, null) : FaceOutcome.wholeImage(r.image())).toList();
            }

            @Override
            public String describe() {
                return "loses copies once";
            }
        };
    }

    private final AtomicInteger calls = new AtomicInteger();

    private List<RenderedSample> renderOneSourceWithTwoCopies(long maxDecodedBytes) throws Exception {
        Path data = TestData.dataset(tmp.resolve("d" + maxDecodedBytes), Map.of("a", 1), 32);
        Sample sample = new DatasetScanner().scan(data).samples().get(0);
        SourceImage source = reader.read(sample).source();
        List<RenderJob> block = List.of(RenderJob.original(SplitName.TRAIN, source),
                RenderJob.copy(source, 0, List.of(source)), RenderJob.copy(source, 1, List.of(source)));
        BlockRenderer renderer = new BlockRenderer(reader, new ImageResizer(), losingCopiesOnce(sample.file(), calls),
                config, Parallel.inline(), new Cancellation(), maxDecodedBytes, 0, null);
        return renderer.render(0, block, renderer.sourcesFor(List.of(block)), ENCODE);
    }

    private static final java.util.function.Function<org.ferworkbench.core.image.RgbImage, ExportWriter.EncodedSample> ENCODE =
            image -> new ExportWriter.EncodedSample(image.pixels(), null);

    @Test
    void retriedCopiesReuseTheSourceDecodedForTheBlock() throws Exception {
        List<RenderedSample> out = renderOneSourceWithTwoCopies(PreparePipeline.RENDER_BLOCK_BYTES);
        assertThat(calls).as("the copies were retried").hasValue(2);
        assertThat(out).allSatisfy(r -> {
            assertThat(r.failure()).isNull();
            assertThat(r.exported()).isTrue();
        });
        assertThat(out.get(1).job().attempt()).isEqualTo(1);
        assertThat(out.get(2).job().attempt()).isEqualTo(1);
    }

    @Test
    void beyondTheBudgetASourceIsReadAgain() throws Exception {
        List<RenderedSample> out = renderOneSourceWithTwoCopies(0);
        assertThat(out.get(0).failure()).isNull();
        assertThat(out.subList(1, 3)).as("read again from disk, where the file is gone")
                .allSatisfy(r -> assertThat(r.failure()).startsWith("cannot read file"));
    }

    /**
     * Two blocks copy one source; its file is gone after the first: the second block's copy can only be rendered from
     * the decoding kept for it, and only the first block decodes.
     */
    @Test
    void aSourceALaterBlockCopiesIsKeptFromTheBlockThatDecodedIt() throws Exception {
        for (long kept : new long[] {1 << 20, 0}) {
            Path data = TestData.dataset(tmp.resolve("k" + kept), Map.of("a", 1), 32);
            Sample sample = new DatasetScanner().scan(data).samples().get(0);
            SourceImage source = reader.read(sample).source();
            List<List<RenderJob>> blocks = List.of(
                    List.of(RenderJob.original(SplitName.TRAIN, source), RenderJob.copy(source, 0, List.of(source))),
                    List.of(RenderJob.copy(source, 1, List.of(source))));
            BlockRenderer renderer = new BlockRenderer(reader, new ImageResizer(), FaceStage.WHOLE_IMAGE, config,
                    Parallel.inline(), new Cancellation(), PreparePipeline.RENDER_BLOCK_BYTES, kept, null);
            DecodedSources decoded = renderer.sourcesFor(blocks);
            List<RenderedSample> first = renderer.render(0, blocks.get(0), decoded, ENCODE);
            assertThat(first).allSatisfy(r -> assertThat(r.failure()).isNull());
            Files.delete(sample.file());
            RenderedSample second = renderer.render(1, blocks.get(1), decoded, ENCODE).get(0);
            if (kept > 0) {
                assertThat(second.failure()).isNull();
                assertThat(second.exported()).isTrue();
                assertThat(decoded.decodes()).as("one decoding for the three rows").isEqualTo(1);
            } else {
                assertThat(second.failure()).as("no budget: read again, and the file is gone").startsWith("cannot read file");
                assertThat(decoded.decodes()).isEqualTo(2);
            }
        }
    }
}
