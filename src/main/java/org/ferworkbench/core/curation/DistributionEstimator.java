package org.ferworkbench.core.curation;

import org.ferworkbench.core.balance.BalancePlan;
import org.ferworkbench.core.balance.BalancePlanner;
import org.ferworkbench.core.balance.PlannedImage;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
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
 * for them. The final counts are an estimate: images not checked yet are assumed to have one face, and a copy is
 * assumed to succeed when its source has one face.
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
                else if (!dropsFace(checks.get(s.relativePath()), config)) c[7]++;
            }
            BalancePlan<Sample> plan = planner.plan(train, s -> s, config.seed(), config.balance());
            for (PlannedImage<Sample> p : plan.images()) {
                int[] c = counts.get(p.source().className());
                c[5]++;
                if (!dropsFace(checks.get(p.source().relativePath()), config)) c[6]++;
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

    /** With detection on, the pipeline drops an image without exactly one face (the study's rule). */
    static boolean dropsFace(ImageCheck check, PrepareConfig config) {
        return config.detectFaces() && check != null && check.detected() && check.faceCount() != 1;
    }
}
