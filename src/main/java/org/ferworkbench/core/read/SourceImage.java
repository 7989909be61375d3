package org.ferworkbench.core.read;

import org.ferworkbench.core.dataset.Sample;

/** A sample whose file was read and decoded: its content hash and pixel size. */
public record SourceImage(Sample sample, String sha256, int width, int height) { }
