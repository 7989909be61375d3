package org.ferworkbench.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Images that lie about their size or end early, made by the tests themselves (nothing binary is committed). */
public final class HostileImages {
    private HostileImages() { }

    /**
     * A complete, valid 8-bit grayscale PNG of black pixels: a decoder given it really decodes width x height. At
     * 27000x27000 it is a 0.7 MB decompression bomb. Every row is a zero filter byte and zero pixels, so the zlib
     * stream is one deflated run of zeros repeated (each run ends in a sync flush, so the runs join into one
     * valid stream): 0.2 s to build instead of 4 s to deflate 729 MB.
     */
    public static byte[] blackPng(int width, int height) {
        return blackPng(width, height, (int) Math.max(1, Math.min(height, (32L << 20) / (width + 1))));
    }

    /** The same, with the given number of rows deflated once and repeated (a small number tests the joins). */
    public static byte[] blackPng(int width, int height, int rowsPerRun) {
        long total = (long) (width + 1) * height;
        byte[] run = deflateZeros((long) (width + 1) * rowsPerRun);
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        zlib.write(0x78);
        zlib.write(0xDA);   // zlib header: deflate, 32K window, best compression (the checksum makes it a multiple of 31)
        for (int y = 0; y + rowsPerRun <= height; y += rowsPerRun) zlib.writeBytes(run);
        zlib.writeBytes(deflateZeros((long) (width + 1) * (height % rowsPerRun)));
        zlib.writeBytes(new byte[]{3, 0});   // an empty final block (fixed codes, end of block)
        // Adler-32 of n zero bytes: a stays 1, b adds 1 for each byte
        long adler = (total % 65521) << 16 | 1;
        zlib.writeBytes(ByteBuffer.allocate(4).putInt((int) adler).array());
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[]{8, 0, 0, 0, 0});
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", zlib.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Raw deflate of n zeros ending in a sync flush (byte-aligned, not final), so such pieces can be joined. */
    private static byte[] deflateZeros(long n) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 16];
        byte[] buf = new byte[1 << 16];
        for (long left = n; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) out.write(buf, 0, deflater.deflate(buf));
        }
        int written;
        while ((written = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) out.write(buf, 0, written);
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The first 24 bytes of a PNG claiming the given size: enough for the header check, nothing to decode. */
    public static byte[] pngHeader(long width, long height) {
        return ByteBuffer.allocate(24).put(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt((int) width).putInt((int) height).array();
    }

    /** A real JPEG whose frame header (SOF) is rewritten to claim the given size. */
    public static byte[] jpegClaiming(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int i = 2;
        while ((b[i + 1] & 0xFF) < 0xC0 || (b[i + 1] & 0xFF) > 0xC2) i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
        b[i + 5] = (byte) (height >> 8);
        b[i + 6] = (byte) height;
        b[i + 7] = (byte) (width >> 8);
        b[i + 8] = (byte) width;
        return b;
    }

    /**
     * A 24-bit BMP, bottom-up or top-down (negative height), with the BITMAPINFOHEADER or the old 12-byte
     * BITMAPCOREHEADER; the pixels are a gradient so that a wrong row order would show.
     */
    public static byte[] bmp(int width, int height, boolean coreHeader, boolean topDown) {
        int stride = (width * 3 + 3) & ~3;
        int infoSize = coreHeader ? 12 : 40;
        int offset = 14 + infoSize;
        ByteBuffer b = ByteBuffer.allocate(offset + stride * height).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(offset).putInt(infoSize);
        if (coreHeader) {
            b.putShort((short) width).putShort((short) height).putShort((short) 1).putShort((short) 24);
        } else {
            b.putInt(width).putInt(topDown ? -height : height).putShort((short) 1).putShort((short) 24)
                    .putInt(0).putInt(stride * height).putInt(2835).putInt(2835).putInt(0).putInt(0);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) b.put((byte) (x * 7)).put((byte) (y * 11)).put((byte) 90);
            b.position(b.position() + stride - width * 3);
        }
        return b.array();
    }

    /** A BMP header (BITMAPINFOHEADER) claiming the given size. */
    public static byte[] bmpHeader(int width, int height) {
        byte[] b = bmp(1, 1, false, false);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        return b;
    }

    /** A WebP whose first chunk is the given one, with the given payload start (the rest is cut off). */
    public static byte[] webp(String chunk, byte... payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + payload.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunk.getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length).put(payload);
        return b.array();
    }

    /** The extended (VP8X) header's canvas of the given size (each at most 2^24). */
    public static byte[] webpExtended(int width, int height) {
        int w = width - 1;
        int h = height - 1;
        return webp("VP8X", new byte[]{0, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) (w >> 16),
                (byte) h, (byte) (h >> 8), (byte) (h >> 16)});
    }

    /** The lossy (VP8) header: frame tag, start code, 14-bit sizes. */
    public static byte[] webpLossy(int width, int height) {
        return webp("VP8 ", new byte[]{0, 0, 0, (byte) 0x9D, 1, 0x2A, (byte) width, (byte) (width >> 8),
                (byte) height, (byte) (height >> 8)});
    }

    /** The lossless (VP8L) header: signature, then width-1 and height-1 in 14 bits each. */
    public static byte[] webpLossless(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        return webp("VP8L", new byte[]{0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
    }

    /**
     * A TIFF header and first directory with ImageWidth and ImageLength as SHORT (type 3) or LONG (type 4), in
     * either byte order; a third tag before them shows that other entries are skipped.
     */
    public static byte[] tiffHeader(boolean littleEndian, int type, long width, long height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 3 * 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 3);
        b.putShort((short) 254).putShort((short) 4).putInt(1).putInt(0);   // NewSubfileType
        for (int tag = 256; tag <= 257; tag++) {
            long value = tag == 256 ? width : height;
            b.putShort((short) tag).putShort((short) type).putInt(1);
            if (type == 3) b.putShort((short) value).putShort((short) 0); else b.putInt((int) value);
        }
        b.putInt(0);
        return b.array();
    }
}
