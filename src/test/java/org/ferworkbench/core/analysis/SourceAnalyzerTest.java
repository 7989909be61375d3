package org.ferworkbench.core.analysis;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source's analysis (descriptor, expressions) is a function of its face alone: the same whether it is analysed
 * with all the others, on two workers, alone, in the app's inspector, or after an earlier run (a cancelled one,
 * another shard, the app) left some of its neighbours in the cache. Identities are clustered from these numbers, so otherwise a re-run could split a
 * dataset differently. Real photos and nets; skipped where ../shared/data or models/ are absent.
 */
class SourceAnalyzerTest {
    @TempDir
    Path dir;

    @Test
    void aSourcesAnalysisDoesNotDependOnTheSourcesAnalysedWithIt() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "face_recognition.pt")), "skipped: models/ not built");
        List<SourceAnalyzer.Source> sources = new ArrayList<>();
        ImageCodec codec = new ImageCodec();
        try (Stream<Path> walk = Files.walk(mux)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            // 21 real photos (the whole image is the face: detection off): one full call of 16 and a padded one
            for (int i = 0; i < files.size() && sources.size() < 21; i += 70) {
                sources.add(new SourceAnalyzer.Source("sha-" + i, codec.decode(Files.readAllBytes(files.get(i))), null));
            }
        }
        assertThat(sources).hasSize(21);
        PrepareConfig wholeImages = PrepareConfig.DEFAULTS.withDetectFaces(false);

        List<FaceAnalysis> together = analyse(dir.resolve("a"), wholeImages, sources, Parallel.inline());

        // an earlier run left 5 of them in the cache: the others go through the nets in other calls, beside other faces
        Path warm = dir.resolve("b");
        analyse(warm, wholeImages, sources.subList(3, 8), Parallel.inline());
        ExecutorService pool = Parallel.daemonPool("analysis-test", 2);
        try {
            assertThat(analyse(warm, wholeImages, sources, new Parallel(pool, 2))).isEqualTo(together);
        } finally {
            pool.shutdownNow();
        }
        for (int i : new int[] {0, 10, 20}) {
            assertThat(analyse(dir.resolve("alone-" + i), wholeImages, List.of(sources.get(i)), Parallel.inline()))
                    .as("source %d alone", i).containsExactly(together.get(i));
        }
        // the app's inspector shows one image's face up close: the same numbers as the export's analysis
        try (SourceAnalyzer analyzer = AnalysisStages.standard(new FaceAnalysisCache(dir.resolve("c"))).apply(wholeImages)) {
            for (int i : new int[] {3, 17}) {
                assertThat(analyzer.inspect(sources.get(i).image(), null).analysis()).as("source %d inspected", i)
                        .isEqualTo(together.get(i));
            }
        }
    }

    private static List<FaceAnalysis> analyse(Path cacheDir, PrepareConfig config, List<SourceAnalyzer.Source> sources,
                                              Parallel workers) {
        try (SourceAnalyzer analyzer = AnalysisStages.standard(new FaceAnalysisCache(cacheDir)).apply(config)) {
            return analyzer.analyse(sources, workers, new Cancellation());
        }
    }
}
