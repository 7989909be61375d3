package org.ferworkbench.core.settings;

/**
 * AUGMENT_THEN_DETECT is the study's order: every augmented copy is detected and aligned; a copy whose face is
 * lost (large rotations hide faces from MTCNN) is replaced by a fresh augmentation. DETECT_THEN_AUGMENT
 * detects each source once, aligns it, and augments the aligned face: one detection per source, no lost copies.
 */
public enum PipelineOrder {
    AUGMENT_THEN_DETECT, DETECT_THEN_AUGMENT
}
