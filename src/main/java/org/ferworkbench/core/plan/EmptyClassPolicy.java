package org.ferworkbench.core.plan;

/** What happens to a class left with no usable image (every file unreadable, or every image rejected in review). */
public enum EmptyClassPolicy {
    /** Stop before exporting, naming the class: an export with an empty class trains a model on nothing. */
    FAIL,
    /** Leave the class out (the remaining classes are labelled 0..K-1 again), and say so in the summary. */
    LEAVE_OUT
}
