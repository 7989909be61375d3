package org.ferworkbench.core.duplicates;

import java.util.Objects;

/**
 * One image to group.
 *
 * @param id          the relative path; unique among the candidates of one {@link DuplicateFinder#find} call
 * @param className   its class folder
 * @param sha256      SHA-256 of the file, or null when unknown
 * @param fingerprint null when unknown (e.g. not read yet): then it is only grouped by sha256, if that is non-null
 */
public record DuplicateCandidate(String id, String className, String sha256, Fingerprint fingerprint) {
    public DuplicateCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
    }
}
