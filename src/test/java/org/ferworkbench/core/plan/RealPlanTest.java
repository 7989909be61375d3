package org.ferworkbench.core.plan;

import org.ferworkbench.core.curation.CheckFacts;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.curation.ImageCheckStore;
import org.ferworkbench.core.curation.WorkspaceReader;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.SplitParameters;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance check on real photos: muxspace_fer6 with MTCNN on, for the default settings and for seed 7
 * with test ratio 0.2. The plan that prepare --dry-run prints, the plan the app makes from its background checks,
 * and the arrays the export writes agree class by class (before the plan, the Distribution tab said 1,710 train rows
 * where the export wrote 1,776). Skipped where ../shared/data or models/ are absent.
 */
class RealPlanTest {
    @TempDir
    Path tmp;

    @Test
    void dryRunAppAndExportAgreeOnMuxspaceWithDetection() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        DetectionCache cache = new DetectionCache(tmp.resolve("cache"));
        PreparePipeline pipeline = PreparePipeline.standard(cache);
        // the output size and dtype change no count: small and uint8 keep the test quick
        PrepareConfig defaults = PrepareConfig.DEFAULTS.withOutputSize(32).withDtype(OutputDtype.UINT8);
        // the figures are those of the study's image-by-image split: duplicates ignored
        PrepareConfig study = defaults.withSplit(defaults.split().withDuplicates(DuplicateHandling.IGNORE));
        PrepareConfig seed7 = study.withSeed(7).withSplit(new SplitParameters(0.2, null).withDuplicates(DuplicateHandling.IGNORE));

        Map<String, ImageCheck> checks = appChecks(mux, defaults, cache);
        Dataset dataset = new DatasetScanner().scan(mux);
        int[] expectedTrainTotals = {1776, 1896, -1};
        int run = 0;
        for (PrepareConfig config : List.of(study, seed7, defaults)) {
            Path out = tmp.resolve("out" + run);
            PrepareRequest request = new PrepareRequest(mux, out, false, config, 2, Set.of());
            ExportPlan dryRun = pipeline.plan(request, ProgressListener.NONE, new Cancellation());
            ExportPlan app = new ExportPlanner().plan(dataset, CheckFacts.of(dataset, checks), Set.of(), config, EmptyClassPolicy.FAIL);
            pipeline.run(request, ProgressListener.NONE, new Cancellation());

            int[] train = NpyFile.read(out.resolve("y_train.npy")).labelCounts();
            int[] test = NpyFile.read(out.resolve("y_test.npy")).labelCounts();
            assertThat(app.unchecked()).isZero();
            assertThat(app.classes()).as("the app's plan is the dry run's").isEqualTo(dryRun.classes());
            for (ClassPlan c : dryRun.classes()) {
                assertThat(train[c.label()]).as("train rows of %s", c.name()).isEqualTo(c.finalTrain());
                assertThat(test[c.label()]).as("test rows of %s", c.name()).isEqualTo(c.finalTest());
            }
            assertThat(dryRun.classes()).extracting(ClassPlan::finalTrain).as("balanced").containsOnly(dryRun.classes().get(0).finalTrain());
            if (expectedTrainTotals[run] > 0) assertThat(dryRun.finalTrain()).isEqualTo(expectedTrainTotals[run]);
            else assertThat(dryRun.straddlingGroups()).as("duplicate groups kept whole").isZero();
            String summary = Files.readString(out.resolve("summary.json"));
            assertThat(summary).contains("\"final_train\" : " + dryRun.classes().get(0).finalTrain());
            run++;
        }
    }

    /** What the app's background check records: every image read and searched for faces with the export's detector. */
    private static Map<String, ImageCheck> appChecks(Path mux, PrepareConfig config, DetectionCache cache) throws Exception {
        Dataset dataset = new DatasetScanner().scan(mux);
        Map<String, ImageCheck> checks = new HashMap<>();
        try (FaceStage stage = FaceStages.standard(cache).apply(config);
             ImageCheckStore store = ImageCheckStore.open(Files.createTempDirectory("checks").resolve("checks.jsonl"))) {
            WorkspaceReader.FaceFinder finder = new WorkspaceReader.FaceFinder() {
                @Override
                public String key() {
                    return "mtcnn-test";
                }

                @Override
                public List<List<FaceDetection>> find(List<FaceRequest> images) {
                    return stage.detectAll(images, Parallel.inline());
                }
            };
            new WorkspaceReader(new SourceReader(new ImageCodec())).checkAll(dataset.samples(), store, finder,
                    batch -> batch.forEach(c -> checks.put(c.relativePath(), c)), ProgressListener.NONE, new Cancellation());
        }
        return checks;
    }
}
