package org.ferworkbench.ui.export;

/** One class in the summary of a finished export. */
public record SummaryRow(String className, int found, int unreadable, int rejected, int copies, int train, int test, int dropped) { }
