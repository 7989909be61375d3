package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit hash of an image's size and RGB bytes, to find equal pixels in different files. Not
 * cryptographic: SHA-256 of a 128x128 image takes about 100 us, several times the whole fingerprint budget.
 * Two independent lanes (so the CPU overlaps them) fold 16 bytes per 64x64-bit multiplication, and a final
 * avalanche spreads every input bit over the result. Two different images collide with probability about
 * 2^-64; the finder also requires equal DCT hashes and thumbnails before calling pixels equal.
 */
final class PixelHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B97F4A7C15L, P2 = 0xC2B2AE3D27D4EB4FL, P3 = 0x165667B19E3779F9L;

    private PixelHash() { }

    static long of(RgbImage image) {
        byte[] b = image.pixels();
        long a0 = P1 ^ image.width(), a1 = P2 ^ ((long) image.height() << 32);
        int i = 0;
        for (; i + 32 <= b.length; i += 32) {
            a0 = mix(a0 ^ (long) LONGS.get(b, i), (long) LONGS.get(b, i + 8) ^ P1);
            a1 = mix(a1 ^ (long) LONGS.get(b, i + 16), (long) LONGS.get(b, i + 24) ^ P3);
        }
        long h = a0 ^ Long.rotateLeft(a1, 29);
        for (; i + 8 <= b.length; i += 8) h = mix(h ^ (long) LONGS.get(b, i), P2);
        for (; i < b.length; i++) h = mix(h ^ (b[i] & 0xFF), P3);
        return avalanche(h ^ b.length);
    }

    /**
     * Folds two words into one through their full 128-bit product (high half xor low half), 16 bytes per
     * multiplication. An input word of zero would cancel the product, so each lane also keeps its state in the
     * first operand: a run of zero pixels still changes the hash.
     */
    private static long mix(long x, long y) {
        return (x * y ^ Math.multiplyHigh(x, y)) + x;
    }

    /** The 64-bit finaliser of SplitMix64: every input bit flips about half the output bits. */
    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
