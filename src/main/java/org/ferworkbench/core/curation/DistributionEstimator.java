package org.ferworkbench.core.curation;

import org.ferworkbench.core.balance.BalancePlan;
import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.balance.PlannedImage;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.pipeline.FacePolicy;
import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.core.pipeline.SplitName;
import org.ferworkbench.core.split.DatasetSplit;
import org.ferworkbench.core.split.StratifiedSplitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes, without touching a pixel, what an export would contain: the same split and balance plan as the
 * pipeline (same classes, seeds and order), with review rejections removed after the split so balancing makes up
 * for them. The final counts are an estimate: images not checked yet are assumed to pass the face stage, and a
 * copy is assumed to pass when its source does (the pipeline retries a copy whose face is lost).
 */
public final class DistributionEstimator {
    private final StratifiedSplitter splitter;
    private final BalancePlanner planner;

    public DistributionEstimator(StratifiedSplitter splitter, BalancePlanner planner) {
        this.splitter = splitter;
        this.planner = planner;
    }

    public DistributionEstimate estimate(Dataset dataset, Map<String, ImageCheck> checks, Set<String> rejected,
                                         PrepareConfig config) {
        Map<String, int[]> counts = new LinkedHashMap<>();   // found, unreadable, splitTrain, splitTest, rejected, balanced, finalTrain, finalTest
        dataset.classNames().forEach(c -> counts.put(c, new int[8]));
        List<Sample> usable = new ArrayList<>(dataset.samples().size());
        int unchecked = 0;
        for (Sample s : dataset.samples()) {
            int[] c = counts.get(s.className());
            c[0]++;
            ImageCheck check = checks.get(s.relativePath());
            if (check == null) unchecked++;
            if (check != null && !check.readable()) c[1]++;
            else usable.add(s);
        }
        Map<String, SplitName> splitOf = new HashMap<>();
        String problem = null;
        try {
            DatasetSplit<Sample> split = splitter.split(usable, s -> s, config.seed(), config.split());
            List<Sample> train = new ArrayList<>();
            for (Sample s : split.train()) {
                splitOf.put(s.relativePath(), SplitName.TRAIN);
                int[] c = counts.get(s.className());
                c[2]++;
                if (rejected.contains(s.relativePath())) c[4]++;
                else train.add(s);
            }
            for (Sample s : split.test()) {
                splitOf.put(s.relativePath(), SplitName.TEST);
                int[] c = counts.get(s.className());
                c[3]++;
                if (rejected.contains(s.relativePath())) c[4]++;
                else if (!dropsFace(checks.get(s.relativePath()), config, SplitName.TEST)) c[7]++;
            }
            BalancePlan<Sample> plan = planner.plan(train, s -> s, config.seed(), config.balance());
            for (PlannedImage<Sample> p : plan.images()) {
                int[] c = counts.get(p.source().className());
                c[5]++;
                if (!dropsFace(checks.get(p.source().relativePath()), config, SplitName.TRAIN)) c[6]++;
            }
        } catch (DatasetException e) {
            problem = e.getMessage();
            splitOf.clear();
            counts.values().forEach(c -> java.util.Arrays.fill(c, 2, 8, 0));
        }
        List<ClassDistribution> classes = new ArrayList<>();
        int label = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            classes.add(new ClassDistribution(e.getKey(), label++, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
        }
        return new DistributionEstimate(classes, splitOf, unchecked, problem);
    }

    /**
     * With detection on, whether the face stage drops the image: faces under the minimum probability do not count;
     * the study's rule (train default) needs exactly one face, the other policies at least one.
     */
    static boolean dropsFace(ImageCheck check, PrepareConfig config, SplitName split) {
        if (!config.detectFaces() || check == null || !check.detected()) return false;
        double floor = config.face().minProbability();
        long faces = check.faces().stream().filter(f -> f.probability() >= floor).count();
        return config.face().policy(split) == FacePolicy.ONLY_ONE ? faces != 1 : faces == 0;
    }
}
