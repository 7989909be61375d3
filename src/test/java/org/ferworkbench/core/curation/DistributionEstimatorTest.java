package org.ferworkbench.core.curation;

import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.pipeline.ClassReport;
import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareReport;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.pipeline.SplitName;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.split.StratifiedSplitter;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionEstimatorTest {
    @TempDir
    Path dir;

    @Test
    void predictsWhatThePipelineExports() throws Exception {
        Path root = TestData.dataset(dir.resolve("data"), Map.of("anger", 12, "disgust", 5, "fear", 8), 24);
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(24);
        var dataset = new DatasetScanner().scan(root);
        DistributionEstimator estimator = new DistributionEstimator(new StratifiedSplitter(), new BalancePlanner());
        DistributionEstimate before = estimator.estimate(dataset, Map.of(), Set.of(), config);
        String trainImage = before.splitOf().entrySet().stream()
                .filter(e -> e.getKey().startsWith("anger/") && e.getValue() == SplitName.TRAIN).findFirst().orElseThrow().getKey();
        Set<String> rejected = Set.of(trainImage, "disgust/disgust_001.jpg");
        DistributionEstimate estimate = estimator.estimate(dataset, Map.of(), rejected, config);

        PrepareReport report = PreparePipeline.withoutDetection().run(
                new PrepareRequest(root, dir.resolve("out"), false, config, 2, rejected), ProgressListener.NONE, new Cancellation());
        for (ClassReport r : report.classes()) {
            ClassDistribution d = estimate.classes().get(r.label);
            assertThat(d.className()).isEqualTo(r.className);
            assertThat(d.found()).isEqualTo(r.found);
            assertThat(d.splitTrain()).isEqualTo(r.splitTrain);
            assertThat(d.splitTest()).isEqualTo(r.splitTest);
            assertThat(d.rejected()).isEqualTo(r.rejected);
            assertThat(d.balancedTrain()).isEqualTo(r.trainOriginals + r.plannedCopies);
            assertThat(d.finalTrain()).isEqualTo(r.exportedTrain);
            assertThat(d.finalTest()).isEqualTo(r.exportedTest);
        }
        // balancing makes up for the rejected anger image: every class still reaches the majority count
        assertThat(estimate.classes()).extracting(ClassDistribution::balancedTrain).containsOnly(8);
        assertThat(estimate.unchecked()).isEqualTo(25);
    }

    @Test
    void reportsAnImpossibleSplitInsteadOfFailing() throws Exception {
        Path root = TestData.dataset(dir.resolve("tiny"), Map.of("anger", 3, "fear", 1), 16);
        var dataset = new DatasetScanner().scan(root);
        DistributionEstimate e = new DistributionEstimator(new StratifiedSplitter(), new BalancePlanner())
                .estimate(dataset, Map.of(), Set.of(), PrepareConfig.DEFAULTS);
        assertThat(e.problem()).contains("fear");
        assertThat(e.classes()).extracting(ClassDistribution::found).containsExactly(3, 1);
    }
}
