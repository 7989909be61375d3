package org.ferworkbench.ui.startup;

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
final class ClassPreload {
    static final String LIST = "fx-classes.txt";

    private ClassPreload() { }

    /** Starts loading the listed classes on a daemon thread; completes with the number of classes linked. */
    static CompletableFuture<Integer> start() {
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
                Class<?> c = Class.forName(name, false, loader);
                java.lang.reflect.Field[] fields = c.getDeclaredFields();
                if (c.isRecord() && name.startsWith("org.ferworkbench.")) linkRecordMethods(c, fields);
                linked++;
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // renamed or missing in this JavaFX version: the class is simply loaded where it is first used
            }
        }
        return linked;
    }

    /**
     * A record's equals, hashCode and toString are linked at their first call (a method-handle bootstrap of several
     * milliseconds each, the first one far more): called once here on a throw-away instance, for the application's
     * own records without static state (so nothing but the record itself is initialised on this thread).
     */
    private static void linkRecordMethods(Class<?> record, java.lang.reflect.Field[] fields) {
        for (java.lang.reflect.Field f : fields) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) return;
        }
        try {
            var components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = defaultValue(types[i]);
            }
            var constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            Object r = constructor.newInstance(values);
            r.equals(r);
            r.hashCode();
            r.toString();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // a record that rejects default values: linked where it is first used
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        if (type == long.class) return 0L;
        if (type == float.class) return 0f;
        if (type == double.class) return 0d;
        if (type == byte.class) return (byte) 0;
        if (type == short.class) return (short) 0;
        return 0;
    }
}
