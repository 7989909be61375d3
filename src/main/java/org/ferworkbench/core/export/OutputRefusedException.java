package org.ferworkbench.core.export;

/**
 * The output folder may not be written (it is the dataset or inside it, an existing folder that is not an earlier
 * export, another export is writing to it): a mistake in what the user asked, found before anything is read.
 */
public final class OutputRefusedException extends ExportException {
    public OutputRefusedException(String message) {
        super(message);
    }
}
