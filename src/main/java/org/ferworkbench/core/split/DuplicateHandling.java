package org.ferworkbench.core.split;

/**
 * What the split does with groups of duplicate and near-duplicate images: {@link #GROUP} keeps each group on one
 * side (the default: a test image with a copy in train inflates test accuracy); {@link #IGNORE} splits image by image,
 * exactly as the study did, and the summary then counts the groups that straddle the split.
 */
public enum DuplicateHandling { GROUP, IGNORE }
