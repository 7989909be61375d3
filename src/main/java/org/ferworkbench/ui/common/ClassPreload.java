package org.ferworkbench.ui.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Loads and links (verifies), on a background thread, the classes the JavaFX thread would otherwise load the first
 * time it builds and styles the dataset views and shows the first dataset (skins, behaviours, charts, CSS): reading
 * and verifying about a thousand classes was most of the JavaFX thread's time in the long start-up frames.
 *
 * <p>Classes are not initialised here: two threads initialising JavaFX classes that refer to each other in their
 * static initialisers (a control and its helper/accessor) can deadlock, so static initialisation stays on the threads
 * that use the classes. Loading and linking take no such locks across classes. The list ({@code fx-classes.txt}) is
 * recorded from a run of the UI benchmark (see docs/benchmark-ui.md); a name that no longer exists is skipped, so an
 * outdated list only costs speed.
 */
public final class ClassPreload {
    static final String LIST = "fx-classes.txt";

    private ClassPreload() { }

    /** Starts loading the listed classes on a daemon thread; completes with the number of classes linked. */
    public static CompletableFuture<Integer> start() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(load(names(), ClassPreload.class.getClassLoader()));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "class-preload");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return done;
    }

    /** The listed class names, in the order the JavaFX thread loaded them. */
    static List<String> names() {
        try (InputStream in = ClassPreload.class.getResourceAsStream(LIST)) {
            if (in == null) return List.of();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads and links each class without initialising it; returns how many were found. */
    static int load(List<String> names, ClassLoader loader) {
        int linked = 0;
        for (String name : names) {
            try {
                // reflection on the declared fields makes the VM link (verify) the class; initialize=false: no <clinit>
                Class.forName(name, false, loader).getDeclaredFields();
                linked++;
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // renamed or missing in this JavaFX version: the class is simply loaded where it is first used
            }
        }
        return linked;
    }
}
