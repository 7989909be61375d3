package org.ferworkbench.ui.browser;

/** One class in the class list: its images, share of the dataset, and how many are rejected or need a look. */
public record ClassRow(String className, int label, int images, double share, int rejected, int needsLook, int unreadable) { }
