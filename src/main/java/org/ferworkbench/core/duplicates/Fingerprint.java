package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Fingerprint of one decoded image, computed once in the read step.
 *
 * @param pixelHash   64-bit hash of width, height and RGB bytes: equal for equal decoded pixels
 * @param dct         perceptual hash: 63 low DCT frequencies of the 32x32 grey image against their median
 *                    (bit {@code v * 8 + u}; bit 0, the DC term, is always 0)
 * @param dctMirrored the same hash of the left-right mirrored image
 * @param thumb       {@value #THUMB}x{@value #THUMB} grey levels (0..255 as unsigned bytes), area-resized, row-major
 */
public record Fingerprint(long pixelHash, long dct, long dctMirrored, byte[] thumb) {
    public static final int THUMB = 16;
    /** First field of {@link #encode()}: a cache written by another version of the algorithm is refused. */
    static final String FORMAT = "fp1";

    public Fingerprint {
        if (thumb == null || thumb.length != THUMB * THUMB) {
            throw new IllegalArgumentException("thumb must hold " + THUMB * THUMB + " grey levels");
        }
        thumb = thumb.clone();
    }

    public static Fingerprint of(RgbImage image) {
        GreyGrid grid = GreyGrid.of(image);
        double[] frequencies = DctHash.lowFrequencies(grid.cells);
        return new Fingerprint(PixelHash.of(image), DctHash.hash(frequencies),
                DctHash.hash(DctHash.mirrored(frequencies)), grid.thumb());
    }

    /** A copy: the fingerprint stays immutable. */
    @Override
    public byte[] thumb() {
        return thumb.clone();
    }

    /** The thumbnail itself, for the finder's comparisons only: never to be changed. */
    byte[] thumbUnshared() {
        return thumb;
    }

    /** Grey level 0..255 of the thumbnail at (x, y), without copying it. */
    public int thumbAt(int x, int y) {
        return thumb[y * THUMB + x] & 0xFF;
    }

    /**
     * Hamming distance of the DCT hashes, the smaller of direct and mirrored (a mirrored copy matches). Mirrored
     * is tried both ways (this mirrored against the other, and the other mirrored against this) so that the
     * distance is symmetric: each image's hash is thresholded at its own median, so the two need not agree.
     */
    public int distance(Fingerprint other) {
        int direct = Long.bitCount(dct ^ other.dct);
        int mirrored = Math.min(Long.bitCount(dct ^ other.dctMirrored), Long.bitCount(dctMirrored ^ other.dct));
        return Math.min(direct, mirrored);
    }

    /** {@code fp1:<pixelHash>:<dct>:<dctMirrored>:<base64 thumb>}, hashes as 16 hex digits. */
    public String encode() {
        return String.format(Locale.ROOT, "%s:%016x:%016x:%016x:%s", FORMAT, pixelHash, dct, dctMirrored,
                Base64.getEncoder().withoutPadding().encodeToString(thumb));
    }

    /** @throws IllegalArgumentException when {@code text} is not what {@link #encode()} writes */
    public static Fingerprint decode(String text) {
        if (text == null) throw new IllegalArgumentException("no fingerprint text");
        String[] f = text.split(":", -1);
        if (f.length != 5 || !f[0].equals(FORMAT)) {
            throw new IllegalArgumentException("not a " + FORMAT + " fingerprint: " + abbreviate(text));
        }
        byte[] thumb;
        try {
            thumb = Base64.getDecoder().decode(f[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint thumbnail is not base64: " + abbreviate(text));
        }
        return new Fingerprint(hex(f[1], text), hex(f[2], text), hex(f[3], text), thumb);
    }

    private static long hex(String field, String text) {
        if (field.length() != 16) throw new IllegalArgumentException("fingerprint hash needs 16 hex digits: " + abbreviate(text));
        try {
            return Long.parseUnsignedLong(field, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fingerprint hash is not hexadecimal: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && pixelHash == f.pixelHash && dct == f.dct
                && dctMirrored == f.dctMirrored && Arrays.equals(thumb, f.thumb);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pixelHash) * 31 + Arrays.hashCode(thumb);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + encode() + "]";
    }
}
