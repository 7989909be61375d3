package org.ferworkbench.ui.inspector;

/** One line of the inspected image's metadata. */
public record MetadataRow(String key, String value) { }
