package org.ferworkbench.core.export;

/** The export could not be written (output exists, not writable, disk full...); the message is one clear sentence. */
public class ExportException extends Exception {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An I/O failure (or one wrapped in an UncheckedIOException) while writing to {@code target}, as one sentence:
     * "{@code what} failed while writing to target: reason".
     */
    public static ExportException whileWriting(String what, java.nio.file.Path target, Exception e) {
        java.io.IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (java.io.IOException) e;
        return new ExportException(what + " failed while writing to " + target + ": " + IoMessages.describe(io), io);
    }
}
