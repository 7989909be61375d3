package org.ferworkbench.core.curation;

import org.ferworkbench.core.analysis.AnalysisStages;
import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.analysis.FaceAnalysisCache;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.facenet.FaceExpression;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's background check with the face-api nets: every readable image's face is analysed as prepare analyses it,
 * the analyses come back by path, and a second check of the same files reads nothing again (checks and analyses are
 * both cached). Real photos and nets; skipped where ../shared/data or models/ are absent.
 */
class WorkspaceAnalysisTest {
    @TempDir
    Path dir;

    @Test
    void analysesEveryReadableImageOnceAndServesThemFromTheCacheAfter() throws Exception {
        Path faces = TestData.sharedDataOrSkip("faces");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "face_recognition.pt")), "skipped: models/ not built");
        Path root = dir.resolve("data");
        Files.createDirectories(root.resolve("happiness"));
        Files.createDirectories(root.resolve("sadness"));
        Files.copy(faces.resolve("happy.jpg"), root.resolve("happiness/happy.jpg"));
        Files.copy(faces.resolve("sad.jpg"), root.resolve("sadness/sad.jpg"));
        Files.write(root.resolve("sadness/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Dataset dataset = new DatasetScanner().scan(root);
        WorkspaceReader checker = new WorkspaceReader(new SourceReader(new ImageCodec()));
        FaceAnalysisCache cache = new FaceAnalysisCache(dir.resolve("faces-cache"));
        PrepareConfig wholeImages = PrepareConfig.DEFAULTS.withDetectFaces(false);

        Map<String, FaceAnalysis> first = new HashMap<>();
        List<Integer> batches = new ArrayList<>();
        try (ImageCheckStore store = ImageCheckStore.open(dir.resolve("ws/checks.jsonl"));
             SourceAnalyzer analyzer = AnalysisStages.standard(cache).apply(wholeImages)) {
            checker.checkAll(dataset.samples(), store, null, analyzer, b -> batches.add(b.size()), first::putAll,
                    ProgressListener.NONE, new Cancellation(), Pacer.NONE);
        }
        assertThat(first).containsOnlyKeys("happiness/happy.jpg", "sadness/sad.jpg");
        assertThat(first.get("happiness/happy.jpg").expressions().mostLikely()).isEqualTo(FaceExpression.HAPPY);
        // (sad.jpg's face is small in the whole photo: scored, but not reliably as sad without detection)

        // a new analyser over the same cache folder (the next start of the app): nothing is read or analysed again
        Map<String, FaceAnalysis> second = new HashMap<>();
        List<Integer> again = new ArrayList<>();
        try (ImageCheckStore store = ImageCheckStore.open(dir.resolve("ws/checks.jsonl"));
             SourceAnalyzer analyzer = AnalysisStages.standard(new FaceAnalysisCache(dir.resolve("faces-cache"))).apply(wholeImages)) {
            checker.checkAll(dataset.samples(), store, null, analyzer, b -> again.add(b.size()), second::putAll,
                    ProgressListener.NONE, new Cancellation(), Pacer.NONE);
        }
        assertThat(again).as("all three checks come from the cache, at once").containsExactly(3);
        assertThat(second).isEqualTo(first);
    }
}
