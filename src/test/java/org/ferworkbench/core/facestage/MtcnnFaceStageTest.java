package org.ferworkbench.core.facestage;

import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.settings.FacePolicy;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MtcnnFaceStageTest {
    @TempDir
    Path tmp;

    static FaceDetection face(double x1, double y1, double side, double prob) {
        return new FaceDetection(x1, y1, x1 + side, y1 + side, prob, List.of(
                new FaceDetection.Landmark(x1 + side * .3, y1 + side * .4), new FaceDetection.Landmark(x1 + side * .7, y1 + side * .4),
                new FaceDetection.Landmark(x1 + side * .5, y1 + side * .6), new FaceDetection.Landmark(x1 + side * .35, y1 + side * .8),
                new FaceDetection.Landmark(x1 + side * .65, y1 + side * .8)));
    }

    final RgbImage image = TestData.image(100, 100, 1);
    final FaceDetection big = face(10, 10, 40, 0.80);
    final FaceDetection small = face(60, 60, 20, 0.99);

    MtcnnFaceStage stage(FaceOptions options) {
        return new MtcnnFaceStage(options.detector(), () -> {
            throw new AssertionError("these tests choose among given detections; nothing is detected");
        }, new FaceAligner(AlignmentMethod.EYES, CropFill.EDGE), new DetectionCache(null),
                options.withAlignment(AlignmentMethod.EYES));
    }

    @Test
    void studyRuleKeepsOnlyImagesWithExactlyOneFace() {
        MtcnnFaceStage s = stage(FaceOptions.DEFAULTS);
        assertThat(s.choose(image, List.of(), FacePolicy.ONLY_ONE).reason()).isEqualTo("no face");
        FaceOutcome two = s.choose(image, List.of(big, small), FacePolicy.ONLY_ONE);
        assertThat(two.accepted()).isFalse();
        assertThat(two.reason()).isEqualTo("several faces (2)");
        assertThat(two.faceCount()).isEqualTo(2);
        FaceOutcome one = s.choose(image, List.of(small), FacePolicy.ONLY_ONE);
        assertThat(one.accepted()).isTrue();
        assertThat(one.face().width()).isEqualTo(20);
        assertThat(one.detection()).isEqualTo(small);
    }

    @Test
    void largestAndMostConfidentPickDifferentFaces() {
        MtcnnFaceStage s = stage(FaceOptions.DEFAULTS);
        assertThat(s.choose(image, List.of(small, big), FacePolicy.LARGEST).detection()).isEqualTo(big);
        assertThat(s.choose(image, List.of(big, small), FacePolicy.MOST_CONFIDENT).detection()).isEqualTo(small);
    }

    @Test
    void screeningGivesTheSameVerdictAsChoosingWithoutAligning() {
        MtcnnFaceStage s = stage(FaceOptions.DEFAULTS.withMinProbability(0.9));
        for (FacePolicy policy : FacePolicy.values()) {
            for (List<FaceDetection> faces : List.of(List.<FaceDetection>of(), List.of(big), List.of(small), List.of(big, small))) {
                FaceOutcome chosen = s.choose(image, faces, policy);
                FaceVerdict verdict = s.select(image, faces, policy);
                assertThat(verdict).isEqualTo(FaceVerdict.of(chosen));
                assertThat(verdict.accepted()).isEqualTo(chosen.accepted());
            }
        }
    }

    @Test
    void smallCallsAreCutIntoAShardForEveryWorkerAndNoMore() {
        for (int workers : new int[] {1, 2, 3, 8}) {
            assertThat(BlockDetector.shardSize(1, workers)).isEqualTo(1);
            for (int n = 2; n <= workers * BlockDetector.SHARD; n++) {
                int size = BlockDetector.shardSize(n, workers);
                int shards = (n + size - 1) / size;
                assertThat(shards).as("no worker gets two shards of %d images", n).isLessThanOrEqualTo(workers);
                assertThat(size).as("shards of %d images as even as the workers allow", n).isLessThanOrEqualTo(n / workers + 1);
            }
            assertThat(BlockDetector.shardSize(workers * BlockDetector.SHARD * 4, workers)).isEqualTo(BlockDetector.SHARD);
        }
        assertThat(BlockDetector.shardSize(5, 0)).as("no workers counts as one").isEqualTo(5);
    }

    @Test
    void minimumProbabilityIgnoresWeakFacesBeforeCounting() {
        MtcnnFaceStage s = stage(FaceOptions.DEFAULTS.withMinProbability(0.9));
        FaceOutcome o = s.choose(image, List.of(big, small), FacePolicy.ONLY_ONE);
        assertThat(o.accepted()).isTrue();
        assertThat(o.detection()).isEqualTo(small);
        assertThat(s.choose(image, List.of(big), FacePolicy.LARGEST).reason()).contains("no face above probability 0.9");
    }

    @Test
    void cacheSurvivesRestartsSeparatesParametersAndSkipsATornLine() throws Exception {
        DetectionCache cache = new DetectionCache(tmp);
        MtcnnParameters other = new MtcnnParameters(40, 0.6, 0.7, 0.7, 0.709);
        cache.put("abc", MtcnnParameters.DEFAULTS, List.of(big, small));
        cache.put("def", MtcnnParameters.DEFAULTS, List.of());
        cache.put("abc", other, List.of(small));
        try (var files = Files.list(tmp)) {
            Path file = files.filter(f -> {
                try {
                    return Files.readString(f).contains(MtcnnParameters.DEFAULTS.cacheKey());
                } catch (Exception e) {
                    return false;
                }
            }).findFirst().orElseThrow();
            Files.writeString(file, "{\"sha256\":\"torn", java.nio.file.StandardOpenOption.APPEND);
        }
        DetectionCache reopened = new DetectionCache(tmp);
        assertThat(reopened.get("abc", MtcnnParameters.DEFAULTS)).contains(List.of(big, small));
        assertThat(reopened.get("def", MtcnnParameters.DEFAULTS)).contains(List.of());
        assertThat(reopened.get("abc", other)).contains(List.of(small));
        assertThat(reopened.get("zzz", MtcnnParameters.DEFAULTS)).isEmpty();
        assertThat(reopened.size(MtcnnParameters.DEFAULTS)).isEqualTo(2);
    }
}
