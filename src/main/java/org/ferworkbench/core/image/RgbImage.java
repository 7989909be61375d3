package org.ferworkbench.core.image;

import java.util.Objects;

/**
 * A decoded image as interleaved 8-bit RGB, row-major (HWC). Plain Java memory, so it can cross threads and
 * stages without native lifetimes to manage; OpenCV is used inside stages only.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " bytes, got " + pixels.length);
        }
    }

    /** Value 0..255 of channel c (0=R, 1=G, 2=B) at (x, y). */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }
}
