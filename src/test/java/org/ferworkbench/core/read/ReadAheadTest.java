package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReadAheadTest {
    @TempDir
    Path tmp;

    private final SourceReader reader = new SourceReader(new ImageCodec());

    @Test
    void blocksOfLargePhotosHoldNoMoreThanTheBudget() throws Exception {
        Path data = TestData.dataset(tmp.resolve("large"), new TreeMap<>(Map.of("a", 14, "b", 14)), 700);
        List<Sample> samples = new DatasetScanner().scan(data).samples();
        long perImage = 700L * 700 * 3;
        long budget = 5 * perImage + 1;
        List<Integer> sizes = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        Reading reading = reader.readInBlocks(samples, 256, budget, "Reading", loaded -> {
            sizes.add(loaded.size());
            bytes.add(loaded.stream().mapToLong(l -> l.image().pixels().length).sum());
            return loaded.size();
        }, Parallel.inline(), ProgressListener.NONE, new Cancellation());

        assertThat(reading.usable()).hasSize(28);
        assertThat(sizes.get(0)).isEqualTo(SourceReader.FIRST_BLOCK);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(28);
        assertThat(bytes.subList(1, bytes.size())).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(budget));
    }

    @Test
    void blocksReadWhileTheFaceStageLoadsAreScreenedWhenItIsThere() throws Exception {
        List<List<SourceRead>> blocks = twoBlocksOf64x64("small");
        AtomicInteger screened = new AtomicInteger();
        FaceStage stage = countingStage(screened);
        CompletableFuture<FaceStage> loading = new CompletableFuture<>();
        FacesBySource faces = new FacesBySource(Parallel.inline());
        ReadAhead<FaceStage> readAhead = new ReadAhead<>(loading, loading::join, faces);

        assertThat(readAhead.block(blocks.get(0))).as("progress: none done yet").isZero();
        assertThat(screened).as("held back while the stage loads").hasValue(0);
        loading.complete(stage);
        assertThat(readAhead.block(blocks.get(1))).as("progress: both blocks done").isEqualTo(20);
        assertThat(screened).hasValue(20);
        assertThat(readAhead.end()).isZero();
        assertThat(screened).as("nothing screened twice").hasValue(20);
        assertThat(faces.faces()).hasSize(20).allSatisfy((source, found) -> assertThat(found).isEmpty());
    }

    @Test
    void theEndScreensWhatIsStillHeldBack() throws Exception {
        Path data = TestData.dataset(tmp.resolve("few"), new TreeMap<>(Map.of("a", 3, "b", 3)), 64);
        List<SourceRead> all = new DatasetScanner().scan(data).samples().stream().map(reader::read).toList();
        CompletableFuture<FaceStage> loading = new CompletableFuture<>();
        FacesBySource faces = new FacesBySource(Parallel.inline());
        ReadAhead<FaceStage> readAhead = new ReadAhead<>(loading, loading::join, faces);
        assertThat(readAhead.block(all)).isZero();
        loading.complete(FaceStage.WHOLE_IMAGE);
        assertThat(readAhead.end()).as("progress counts the held-back block at the end").isEqualTo(6);
        assertThat(faces.faces()).hasSize(6);
    }

    @Test
    void readingAheadStopsAtItsBudgetAndWaitsForTheStage() throws Exception {
        List<List<SourceRead>> blocks = twoBlocksOf64x64("budget");
        AtomicInteger screened = new AtomicInteger();
        FaceStage stage = countingStage(screened);
        CompletableFuture<FaceStage> loading = new CompletableFuture<>();
        long eightImages = 8L * 64 * 64 * 3;
        // the stage is handed over by the supplier although the future still says "loading": the read-ahead must
        // ask for it (and so wait for the load) once the held-back pixels would exceed the budget
        FacesBySource faces = new FacesBySource(Parallel.inline());
        ReadAhead<FaceStage> readAhead = new ReadAhead<>(loading, () -> stage, faces, eightImages);

        assertThat(readAhead.block(blocks.get(0))).isZero();
        assertThat(screened).as("8 images fit the budget: held back").hasValue(0);
        assertThat(readAhead.block(blocks.get(1))).isEqualTo(20);
        assertThat(screened).as("12 more do not: everything held back is screened, then this block").hasValue(20);
        assertThat(faces.faces()).hasSize(20);
    }

    /** A stage that finds no face anywhere and counts what it was asked to detect. */
    private static FaceStage countingStage(AtomicInteger screened) {
        return new FaceStage() {
            @Override
            public List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split, Parallel workers) {
                return requests.stream().map(r -> FaceOutcome.wholeImage(r.image())).toList();
            }

            @Override
            public List<List<org.ferworkbench.core.face.FaceDetection>> detectAll(List<FaceRequest> requests, Parallel workers) {
                screened.addAndGet(requests.size());
                return requests.stream().map(r -> List.<org.ferworkbench.core.face.FaceDetection>of()).toList();
            }

            @Override
            public String describe() {
                return "counting";
            }
        };
    }

    /** 20 decoded 64x64 images of two classes, as a block of 8 and a block of 12. */
    private List<List<SourceRead>> twoBlocksOf64x64(String name) throws Exception {
        Path data = TestData.dataset(tmp.resolve(name), new TreeMap<>(Map.of("a", 10, "b", 10)), 64);
        List<Sample> samples = new DatasetScanner().scan(data).samples();
        return List.of(samples.subList(0, 8).stream().map(reader::read).toList(),
                samples.subList(8, 20).stream().map(reader::read).toList());
    }
}
