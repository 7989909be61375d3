package org.ferworkbench.core.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's decision about one image, identified by its path relative to the dataset root (the same identity
 * the pipeline uses). A rejection carries a reason; an acceptance does not.
 */
public record ReviewDecision(String relativePath, Verdict verdict, RejectReason reason, String note, Instant at) {
    public ReviewDecision {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(verdict, "verdict");
        if (verdict == Verdict.REJECTED && reason == null) reason = RejectReason.OTHER;
        if (verdict == Verdict.ACCEPTED) reason = null;
        note = note == null ? "" : note;
        at = at == null ? Instant.now() : at;
    }

    public static ReviewDecision accept(String relativePath) {
        return new ReviewDecision(relativePath, Verdict.ACCEPTED, null, "", Instant.now());
    }

    public static ReviewDecision reject(String relativePath, RejectReason reason) {
        return new ReviewDecision(relativePath, Verdict.REJECTED, reason, "", Instant.now());
    }

    public boolean rejected() {
        return verdict == Verdict.REJECTED;
    }
}
