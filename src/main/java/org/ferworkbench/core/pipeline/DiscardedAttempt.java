package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.augment.Augmentation;

/**
 * An attempt at an augmented copy that was not exported because the face stage rejected it (the copy was drawn
 * again): the job at that attempt (source, copy, attempt number), what was drawn, and why it was discarded.
 */
record DiscardedAttempt(RenderJob job, Augmentation augmentation, String reason, int faceCount) { }
