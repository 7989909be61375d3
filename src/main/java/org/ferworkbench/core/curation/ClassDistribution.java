package org.ferworkbench.core.curation;

/**
 * One class through the preparation, as the charts show it: images found, unreadable, train and test after the
 * split, rejected in review, train after balancing, and the final train and test counts once review rejections and
 * (with detection on) images without exactly one face are taken out.
 */
public record ClassDistribution(String className, int label, int found, int unreadable, int splitTrain, int splitTest,
                                int rejected, int balancedTrain, int finalTrain, int finalTest) { }
