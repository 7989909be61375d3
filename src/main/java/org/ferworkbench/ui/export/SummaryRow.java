package org.ferworkbench.ui.export;

/**
 * One class in the summary of a finished export; {@code wholeTest} counts the test images without a face that were
 * exported whole (part of {@code test}).
 */
public record SummaryRow(String className, int found, int unreadable, int rejected, int copies, int train, int test, int dropped,
                         int wholeTest) { }
