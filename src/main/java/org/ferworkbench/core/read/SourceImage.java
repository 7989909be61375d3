package org.ferworkbench.core.read;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.duplicates.Fingerprint;

/**
 * A sample whose file was read and decoded: its content hash, pixel size and the fingerprint that finds its duplicates
 * (null where it was not computed).
 */
public record SourceImage(Sample sample, String sha256, int width, int height, Fingerprint fingerprint) {
    public SourceImage(Sample sample, String sha256, int width, int height) {
        this(sample, sha256, width, height, null);
    }
}
