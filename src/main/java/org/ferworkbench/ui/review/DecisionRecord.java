package org.ferworkbench.ui.review;

import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.Verdict;

import java.time.Instant;

/**
 * One line of the decision history: when, which image, what it became (a verdict, or undecided when a decision was
 * taken back) and why, and how it came about.
 *
 * @param verdict null when the image is undecided again
 * @param reason  the reason of a rejection, else null
 * @param how     "" for a decision, or what made it: "undo", "redo", "saved" (a decision of an earlier session)
 */
public record DecisionRecord(Instant at, String relativePath, String fileName, Verdict verdict, RejectReason reason, String how) {
    static DecisionRecord of(Instant at, String relativePath, String fileName, ReviewDecision d, String how) {
        return new DecisionRecord(at, relativePath, fileName, d == null ? null : d.verdict(), d == null ? null : d.reason(), how);
    }

    /** "accepted", "rejected" or "undecided". */
    public String verdictText() {
        return verdict == null ? "undecided" : verdict.id();
    }

    /** The reason as the tool bar names it, or "". */
    public String reasonText() {
        return reason == null ? "" : reason.label();
    }
}
