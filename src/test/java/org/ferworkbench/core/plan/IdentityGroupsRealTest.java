package org.ferworkbench.core.plan;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.GroupBy;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --group identity on CK+48 (pre-cropped 48x48 faces, so whole images are described): the share of test images
 * whose person also appears in train, with the subject in each file name as ground truth (the tool never reads it).
 * docs/identities.md has the figures at other thresholds and on muxspace_fer6. Skipped where ../shared/data or models/
 * are absent.
 */
class IdentityGroupsRealTest {
    private static final Pattern SUBJECT = Pattern.compile("(S\\d+)_");

    private static String subject(String path) {
        Matcher m = SUBJECT.matcher(Path.of(path).getFileName().toString());
        assertThat(m.find()).as("CK+ names start with the subject: %s", path).isTrue();
        return m.group(1);
    }

    /** Test images whose subject has an image in train, as a share of all test images. */
    private static double leak(ExportPlan plan) {
        Map<String, Set<SplitName>> sides = new HashMap<>();
        plan.splitOf().forEach((path, side) -> sides.computeIfAbsent(subject(path), k -> new HashSet<>()).add(side));
        long test = plan.splitOf().values().stream().filter(s -> s == SplitName.TEST).count();
        long leaking = plan.splitOf().entrySet().stream().filter(e -> e.getValue() == SplitName.TEST
                && sides.get(subject(e.getKey())).contains(SplitName.TRAIN)).count();
        return (double) leaking / test;
    }

    @Test
    void identityGroupsKeepMostSubjectsOnOneSideOfCkPlus() throws Exception {
        Path ck = TestData.sharedDataOrSkip("ckplus48");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "face_recognition.pt")), "skipped: models/ not built");
        PreparePipeline pipeline = PreparePipeline.standard(new DetectionCache(null));
        PrepareConfig plain = PrepareConfig.DEFAULTS.withDetectFaces(false);
        PrepareConfig identities = plain.withSplit(plain.split().withGroupBy(GroupBy.IDENTITY));

        ExportPlan before = plan(pipeline, ck, plain);
        ExportPlan after = plan(pipeline, ck, identities);

        assertThat(leak(before)).as("near-duplicate frames alone leave most subjects on both sides").isGreaterThan(0.4);
        // measured 8.5% at the default threshold (docs/identities.md); the goal of 5% is not reached
        assertThat(leak(after)).as("identity groups keep most subjects on one side").isLessThan(0.10);
        for (ClassPlan c : after.classes()) {
            assertThat(c.testShare()).as("test share of %s, with the groups balanced", c.name())
                    .isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.03));
        }
        assertThat(after.groups()).anySatisfy(g -> assertThat(g.kindNames()).contains("identity"));
        assertThat(after.notes()).anySatisfy(n -> assertThat(n).contains("identities kept on one side"));
        assertThat(after.splitOf().keySet()).as("every image planned, none lost to grouping").isEqualTo(before.splitOf().keySet());
    }

    private static ExportPlan plan(PreparePipeline pipeline, Path dataset, PrepareConfig config) throws Exception {
        return pipeline.plan(new PrepareRequest(dataset, dataset.resolveSibling("unused-output"), false, config, 2, Set.of()),
                ProgressListener.NONE, new Cancellation());
    }
}
