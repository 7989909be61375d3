package org.ferworkbench.core.split;

/**
 * A duplicate group whose files sit in different class folders carries conflicting labels. {@link #TOGETHER} (the
 * default) keeps its files, all on one side; {@link #DROP} leaves every file of such a group out of the export.
 */
public enum LabelConflicts { TOGETHER, DROP }
