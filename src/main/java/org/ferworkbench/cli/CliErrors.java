package org.ferworkbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One clear sentence for the user; the stack trace only with --verbose. */
final class CliErrors {
    private CliErrors() { }

    static int report(PrintWriter err, Throwable e, boolean verbose, int code) {
        err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return code;
    }
}
