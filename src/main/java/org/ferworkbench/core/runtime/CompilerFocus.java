package org.ferworkbench.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For a batch run in a fresh JVM (prepare, detect, the benchmarks): keeps HotSpot's optimising compiler (C2) for
 * the pixel and detector kernels only, everything else staying with the quick C1 compiler.
 *
 * <p>Why: in a 10-second prepare of 3,000 images, C2 spent about 4-5 s of CPU compiling, on a machine whose two cores
 * were otherwise busy with the work itself: class loading, Formatter, ASM's lambda spinning, DJL's glue, the
 * pipeline's orchestration. Those gain little from C2; the loops over pixels and boxes (MTCNN's resizing, integral
 * tables and NMS, the float conversion of rows, SHA-256) gain a lot. With C2 kept for those only (the list is in
 * {@code compiler-directives.json}), the 3,000-image prepare needed about 15% less CPU and the 29,689-image one about
 * 15% less too: it pays on long runs as well (figures in docs/benchmarks.md).
 *
 * <p>How: a compiler directive (JEP 165), added at run time through the platform's diagnostic-command MBean (what
 * {@code jcmd <pid> Compiler.directives_add} does), because {@code java -jar} gives no way to pass JVM flags. It only
 * changes which compiler compiles a method, never what the program computes. Where the MBean is missing (another JVM,
 * a runtime without jdk.management) nothing happens. {@code -Dfer.compilerFocus=false} leaves the JVM as it is.
 */
public final class CompilerFocus {
    private static final String DIRECTIVES = "compiler-directives.json";
    private static boolean applied;

    private CompilerFocus() { }

    /** Adds the directives once per process; true when they are in effect. */
    public static synchronized boolean onKernels() {
        if (applied) return true;
        if ("false".equalsIgnoreCase(System.getProperty("fer.compilerFocus"))) return false;
        Path file = null;
        try (InputStream in = CompilerFocus.class.getResourceAsStream(DIRECTIVES)) {
            if (in == null) return false;
            file = Files.createTempFile("fer-compiler-directives", ".json");
            Files.write(file, in.readAllBytes());
            Object added = DiagnosticCommands.invoke("compilerDirectivesAdd", file.toString());
            applied = added != null && added.toString().contains("added");
            return applied;
        } catch (Exception | LinkageError e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a few hundred bytes in the temp folder
                }
            }
        }
    }

    /** The active directives as HotSpot prints them (for tests and diagnostics), or "" where unavailable. */
    public static String activeDirectives() {
        try {
            Object printed = DiagnosticCommands.invoke("compilerDirectivesPrint");
            return printed == null ? "" : printed.toString();
        } catch (Exception | LinkageError e) {
            return "";
        }
    }

    /** Removes every directive (tests share one JVM). */
    static synchronized void clear() throws Exception {
        DiagnosticCommands.invoke("compilerDirectivesClear");
        applied = false;
    }
}
