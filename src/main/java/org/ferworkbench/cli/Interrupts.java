package org.ferworkbench.cli;

import org.ferworkbench.core.progress.Cancellation;
import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation of the running command, so it can clean up (delete its
 * staging folder, keep the earlier export) and exit with the documented code and message, instead of the JVM
 * shutting down under it. Without this, the JVM runs its shutdown hooks and halts while the worker threads are still
 * writing: staging folders were left behind. A second signal ends the process at once (exit 130 or 143).
 *
 * <p>Where the signals cannot be handled (another platform, -Xrs), a shutdown hook cancels and waits for the clean-up.
 */
final class Interrupts implements AutoCloseable {
    static final int EXIT_SIGINT = 130;
    static final int EXIT_SIGTERM = 143;
    /** How long a shutdown hook waits for the command to clean up (a cancelled export stops within a second). */
    private static final long HOOK_WAIT_SECONDS = 10;

    private final Cancellation cancellation;
    private final List<Signal> handled = new ArrayList<>();
    private final List<sun.misc.SignalHandler> previous = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile String received;

    private Interrupts(Cancellation cancellation) {
        this.cancellation = cancellation;
        this.hook = new Thread(() -> {
            if (received == null) received = "shutdown";
            cancellation.cancel();
            try {
                finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-on-shutdown");
    }

    /** Handles SIGINT and SIGTERM until closed by cancelling {@code cancellation}. */
    static Interrupts install(Cancellation cancellation) {
        Interrupts i = new Interrupts(cancellation);
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                i.previous.add(Signal.handle(signal, s -> i.onSignal(s.getName())));
                i.handled.add(signal);
            } catch (IllegalArgumentException e) {
                // not available here (e.g. the JVM runs with -Xrs): the shutdown hook below still cleans up
            }
        }
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    private void onSignal(String name) {
        if (received != null) {
            // asked twice: the user wants out now (kill -9 semantics; the next run removes what is left)
            Runtime.getRuntime().halt(exitCodeOf(received));
        }
        received = name;
        cancellation.cancel();
    }

    /** The signal that cancelled the command ("INT", "TERM", "shutdown"), or null. */
    String received() {
        return received;
    }

    /** 128 + the signal number, as shells report it. */
    static int exitCodeOf(String signal) {
        return "TERM".equals(signal) ? EXIT_SIGTERM : EXIT_SIGINT;
    }

    static String describe(String signal) {
        return switch (signal) {
            case "INT" -> "Interrupted (Ctrl-C)";
            case "TERM" -> "Stopped by SIGTERM";
            default -> "Stopped because the JVM is shutting down";
        };
    }

    /** Restores the earlier handlers and releases a waiting shutdown hook. */
    @Override
    public void close() {
        finished.countDown();
        for (int k = 0; k < handled.size(); k++) {
            try {
                Signal.handle(handled.get(k), previous.get(k));
            } catch (IllegalArgumentException ignored) {
                // the JVM is on its way out
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is waiting for finished, released above
        }
    }
}
