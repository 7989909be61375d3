package org.ferworkbench.ui.export;

/** One stage of a running export: its name, how far it is (0..1, -1 unknown), and a line of detail. */
public record StageRow(String name, double fraction, String detail, boolean done) { }
