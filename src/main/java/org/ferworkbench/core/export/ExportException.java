package org.ferworkbench.core.export;

/** The export could not be written (output exists, not writable, disk full...); the message is one clear sentence. */
public class ExportException extends Exception {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
