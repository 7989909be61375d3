package org.ferworkbench.core.dataset;

/** A file or folder that is not used, with the reason (shown to the user and written to the manifest). */
public record SkippedFile(String relativePath, String reason) { }
