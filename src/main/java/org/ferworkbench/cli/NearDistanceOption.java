package org.ferworkbench.cli;

import picocli.CommandLine.Option;

/** {@code --near-distance}, declared once for prepare (and its siblings) and audit: the same setting, read by core. */
final class NearDistanceOption {
    @Option(names = "--near-distance", paramLabel = "BITS",
            description = "Largest perceptual-hash distance (of 64 bits) that links two near-duplicates (default "
                    + org.ferworkbench.core.duplicates.DuplicateFinder.DEFAULT_MAX_DISTANCE + "; 0: exact duplicates only).")
    String nearDistance;
}
