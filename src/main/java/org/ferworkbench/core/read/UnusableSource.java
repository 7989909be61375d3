package org.ferworkbench.core.read;

import org.ferworkbench.core.dataset.Sample;

/** A sample that could not be read or decoded, with the reason. */
public record UnusableSource(Sample sample, String reason) { }
