package org.ferworkbench.ui.common;

import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.IoMessages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into one sentence a researcher understands; the stack trace stays behind "Details". */
public final class ErrorMessages {
    private ErrorMessages() { }

    public static String friendly(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof DatasetException || e instanceof ExportException) return e.getMessage();
        if (e instanceof AccessDeniedException a) return "Access denied: " + a.getFile() + " cannot be read or written.";
        if (e instanceof NoSuchFileException n) return "Not found: " + n.getFile();
        if (e instanceof IOException io) return "A file could not be read or written: " + IoMessages.describe(io) + ".";
        if (e instanceof OutOfMemoryError) {
            return "The workbench ran out of memory. Close other programs or start it with more memory (-Xmx).";
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            if (e.getMessage() == null) return "The operation is not possible in the current state.";
            // core speaks to the command line; in the window the same switch is in the settings
            return capitalise(e.getMessage().replace("use --no-detect", "switch off \"Detect faces\" in the settings"));
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "Something unexpected went wrong (" + what + "). Your review decisions are saved; see Details for a report.";
    }

    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof UncheckedIOException || e instanceof CompletionException || e instanceof ExecutionException
                || e instanceof java.lang.reflect.InvocationTargetException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String capitalise(String s) {
        if (s.isEmpty()) return s;
        String out = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return out.endsWith(".") ? out : out + ".";
    }
}
