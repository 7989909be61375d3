package org.ferworkbench.ui.browser;

/**
 * One class in the class list: its images, share of the dataset, how many are rejected or need a look, and the rows
 * the export's plan gives it ({@code plannedTrain}/{@code plannedTest}, -1 before there is a plan), and how many of its
 * images have a duplicate ({@code duplicates}, from the same plan).
 */
public record ClassRow(String className, int label, int images, double share, int rejected, int needsLook, int unreadable,
                       int plannedTrain, int plannedTest, int duplicates) { }
