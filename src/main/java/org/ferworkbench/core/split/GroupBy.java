package org.ferworkbench.core.split;

/**
 * What else keeps images on one side besides copies and the group pattern: {@link #NONE}, or {@link #IDENTITY}: faces
 * of one person (by the face recognition net's descriptors, clustered at the identity threshold) stay together, so a
 * test image never shows a person who is also in train. The file names are not read for it.
 */
public enum GroupBy { NONE, IDENTITY }
