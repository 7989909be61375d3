package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit hash of an image's size and RGB bytes, to find equal pixels in different files. Not
 * cryptographic: SHA-256 of a 128x128 image takes about 100 us, several times the whole fingerprint budget.
 * Four independent lanes of multiply-rotate mixing (so the CPU overlaps them) read 8 bytes at a time, and a
 * final avalanche spreads every input bit over the result. Two different images collide with probability about
 * 2^-64; the finder also requires equal DCT hashes and thumbnails before calling pixels equal.
 */
final class PixelHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B97F4A7C15L, P2 = 0xC2B2AE3D27D4EB4FL, P3 = 0x165667B19E3779F9L;

    private PixelHash() { }

    static long of(RgbImage image) {
        byte[] b = image.pixels();
        long a0 = P1 ^ image.width(), a1 = P2 ^ ((long) image.height() << 32), a2 = P3, a3 = P1 + P2;
        int i = 0;
        for (; i + 32 <= b.length; i += 32) {
            a0 = lane(a0, (long) LONGS.get(b, i));
            a1 = lane(a1, (long) LONGS.get(b, i + 8));
            a2 = lane(a2, (long) LONGS.get(b, i + 16));
            a3 = lane(a3, (long) LONGS.get(b, i + 24));
        }
        long h = Long.rotateLeft(a0, 1) + Long.rotateLeft(a1, 7) + Long.rotateLeft(a2, 12) + Long.rotateLeft(a3, 18);
        for (; i + 8 <= b.length; i += 8) h = lane(h, (long) LONGS.get(b, i));
        for (; i < b.length; i++) h = lane(h, b[i] & 0xFF);
        return avalanche(h ^ b.length);
    }

    private static long lane(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    /** The 64-bit finaliser of SplitMix64: every input bit flips about half the output bits. */
    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
