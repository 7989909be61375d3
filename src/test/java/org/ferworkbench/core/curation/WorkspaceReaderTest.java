package org.ferworkbench.core.curation;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceReaderTest {
    @TempDir
    Path dir;

    /** A fake detector: one face per image; counts the images it was asked about. */
    private static final class CountingFinder implements WorkspaceReader.FaceFinder {
        final AtomicInteger images = new AtomicInteger();

        @Override
        public String key() {
            return "fake-v1";
        }

        @Override
        public List<List<FaceDetection>> find(List<FaceRequest> batch) {
            images.addAndGet(batch.size());
            List<List<FaceDetection>> out = new ArrayList<>();
            for (FaceRequest r : batch) {
                RgbImage im = r.image();
                List<FaceDetection.Landmark> lm = List.of(new FaceDetection.Landmark(10, 10), new FaceDetection.Landmark(20, 10),
                        new FaceDetection.Landmark(15, 15), new FaceDetection.Landmark(11, 20), new FaceDetection.Landmark(19, 20));
                out.add(List.of(new FaceDetection(1, 2, im.width() - 1, im.height() - 2, 0.99, lm)));
            }
            return out;
        }
    }

    @Test
    void checksEveryImageOnceAndReusesTheCache() throws Exception {
        Path root = TestData.dataset(dir.resolve("data"), Map.of("anger", 5, "fear", 4), 40);
        Files.write(root.resolve("fear/broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Dataset dataset = new DatasetScanner().scan(root);
        WorkspaceReader checker = new WorkspaceReader(new SourceReader(new ImageCodec()));
        CountingFinder finder = new CountingFinder();
        List<ImageCheck> seen = new ArrayList<>();
        try (ImageCheckStore store = ImageCheckStore.open(dir.resolve("ws/checks.jsonl"))) {
            checker.checkAll(dataset.samples(), store, finder, seen::addAll, ProgressListener.NONE, new Cancellation());
        }
        assertThat(seen).hasSize(10);
        assertThat(finder.images.get()).isEqualTo(9);
        ImageCheck broken = seen.stream().filter(c -> c.relativePath().equals("fear/broken.jpg")).findFirst().orElseThrow();
        assertThat(SampleStatus.ofCheck(broken)).isEqualTo(SampleStatus.UNREADABLE);
        ImageCheck ok = seen.stream().filter(c -> c.relativePath().equals("anger/anger_000.jpg")).findFirst().orElseThrow();
        assertThat(ok.sha256()).hasSize(64);
        assertThat(ok.faceCount()).isEqualTo(1);
        assertThat(SampleStatus.ofCheck(ok)).isEqualTo(SampleStatus.OK);

        // a second run reads nothing again, and returns the same faces from the cache file
        seen.clear();
        try (ImageCheckStore store = ImageCheckStore.open(dir.resolve("ws/checks.jsonl"))) {
            checker.checkAll(dataset.samples(), store, finder, seen::addAll, ProgressListener.NONE, new Cancellation());
        }
        assertThat(finder.images.get()).isEqualTo(9);
        assertThat(seen).hasSize(10).contains(ok);
    }
}
