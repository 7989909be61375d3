package org.ferworkbench.ui.common;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once, by whichever thread asks first. The workbench makes the OpenCV-backed services
 * this way: loading the native library takes half a second, which must not happen on the JavaFX thread before the
 * window is shown (the first use is on a worker, or a warm-up after the first frame).
 */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(Objects.requireNonNull(factory));
    }

    @Override
    public T get() {
        T v = value;
        if (v != null) return v;
        synchronized (this) {
            if (value == null) {
                value = Objects.requireNonNull(factory.get());
                factory = null;
            }
            return value;
        }
    }
}
