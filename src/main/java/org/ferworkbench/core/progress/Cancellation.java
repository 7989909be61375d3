package org.ferworkbench.core.progress;

import java.util.concurrent.CancellationException;

/** A cancel flag shared by a front end and the work it started; checked per image. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) throw new CancellationException("Cancelled by the user");
    }
}
