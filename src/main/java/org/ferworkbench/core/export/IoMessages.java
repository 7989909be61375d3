package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns I/O failures into short reasons a user understands. */
public final class IoMessages {
    private IoMessages() { }

    public static String describe(IOException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk full") || lower.contains("not enough space")) {
            return "the disk is full";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied") || lower.contains("read-only file system")) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return msg.isEmpty() ? e.getClass().getSimpleName() : msg;
    }
}
