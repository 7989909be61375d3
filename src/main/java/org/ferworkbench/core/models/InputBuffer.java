package org.ferworkbench.core.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A net's reusable direct input buffer. DJL copies a heap array into a fresh direct buffer on every call; handing it
 * this one instead saves a native allocation, zeroing and copy per call. It grows when a larger input comes, never
 * shrinks. Not thread-safe: one per predictor-owning object; a tensor made on it must be closed before the next use.
 */
public final class InputBuffer {
    private final int minimumCapacity;
    private ByteBuffer buffer;

    /** @param minimumCapacity bytes allocated at least, so small inputs of varying size do not reallocate */
    public InputBuffer(int minimumCapacity) {
        this.minimumCapacity = minimumCapacity;
    }

    /** The buffer in native order, at 0 with {@code bytes} remaining. */
    public ByteBuffer of(int bytes) {
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, minimumCapacity)).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
        b.clear();
        b.limit(bytes);
        return b;
    }
}
