package org.ferworkbench.cli;

import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.core.progress.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Renders progress on stderr: a redrawn bar on a terminal, plain lines (stage start, every 5 s, stage end)
 * when the output is a file or a pipe, so logs stay readable.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;
    private final boolean terminal;
    private String stage;
    private long lastLine;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ConsoleProgress forStderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void onProgress(ProgressEvent e) {
        boolean newStage = !e.stage().equals(stage);
        if (newStage && stage != null && terminal) out.println();
        stage = e.stage();
        long now = System.nanoTime();
        if (terminal) {
            out.print("\r" + bar(e));
            if (e.finished()) {
                out.println();
                stage = null;
            }
            out.flush();
        } else if (newStage || e.finished() || now - lastLine > 5_000_000_000L) {
            out.println(line(e));
            lastLine = now;
            if (e.finished()) stage = null;
        }
    }

    static String bar(ProgressEvent e) {
        int width = 30;
        double f = Math.max(0, e.fraction());
        int filled = (int) Math.round(f * width);
        return String.format(Locale.ROOT, "%-18s [%s%s] %3d%% %d/%d %6.0f/s %s", e.stage(), "#".repeat(filled),
                " ".repeat(width - filled), Math.round(f * 100), e.done(), e.total(), e.ratePerSecond(), eta(e));
    }

    static String line(ProgressEvent e) {
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f/s) %s", e.stage(), e.done(), e.total(), e.ratePerSecond(), eta(e)).trim();
    }

    private static String eta(ProgressEvent e) {
        if (e.finished() || e.secondsLeft() < 0) return "";
        long s = Math.round(e.secondsLeft());
        return String.format(Locale.ROOT, "%d:%02d left", s / 60, s % 60);
    }
}
