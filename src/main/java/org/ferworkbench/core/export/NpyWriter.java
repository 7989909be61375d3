package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a NumPy .npy file (format 1.0, C order, little-endian) row by row, so memory stays bounded whatever
 * the row count. The header is written first with room for any count and rewritten with the real count on
 * close; its size is fixed (128 bytes), so the same rows always give the same bytes. The bytes go out in blocks of
 * about a megabyte, with direct I/O where the file system allows it ({@link BlockFile}).
 */
public final class NpyWriter implements AutoCloseable {
    static final int HEADER_BYTES = 128;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private final BlockFile out;
    private final String descr;
    private final int[] rowShape;
    private final int rowBytes;
    private final ByteBuffer row;
    private long rows;
    private boolean closed;

    private NpyWriter(Path file, String descr, int itemBytes, int... rowShape) throws IOException {
        this.descr = descr;
        this.rowShape = rowShape.clone();
        this.rowBytes = itemBytes * Arrays.stream(rowShape).reduce(1, (a, b) -> a * b);
        this.row = ByteBuffer.allocate(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.out = BlockFile.create(file);
        byte[] header = header(0);
        out.write(header, 0, header.length);
    }

    /** float32 rows of the given shape, e.g. (96, 96, 3). */
    public static NpyWriter float32(Path file, int... rowShape) throws IOException {
        return new NpyWriter(file, "<f4", 4, rowShape);
    }

    /** uint8 rows of the given shape. */
    public static NpyWriter uint8(Path file, int... rowShape) throws IOException {
        return new NpyWriter(file, "|u1", 1, rowShape);
    }

    /** A 1-D int64 array (labels). */
    public static NpyWriter int64(Path file) throws IOException {
        return new NpyWriter(file, "<i8", 8);
    }

    /**
     * Appends one row of 8-bit values, converted to this file's dtype (float32 as v / 255, little-endian). The
     * conversion goes into one buffer of this writer, reused row after row: a new 110 KB array per 96x96x3 float
     * row was the largest single source of garbage in an export.
     */
    public void appendPixels(byte[] values) throws IOException {
        switch (descr) {
            case "|u1" -> {
                check(values.length);
                append(values);
            }
            case "<f4" -> {
                check(values.length * 4);
                byte[] out = row.array();
                for (int i = 0; i < values.length; i++) FLOAT_LE.set(out, i * 4, UNIT_BITS[values[i] & 0xFF]);
                append(out);
            }
            default -> throw new IllegalStateException("pixel rows need a float32 or uint8 file, not " + descr);
        }
        rows++;
    }

    private static final java.lang.invoke.VarHandle FLOAT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** IEEE bits of v / 255f for every byte value (the division is done once, not per pixel). */
    private static final int[] UNIT_BITS = new int[256];

    static {
        for (int v = 0; v < 256; v++) UNIT_BITS[v] = Float.floatToRawIntBits(v / 255f);
    }

    public void appendLong(long value) throws IOException {
        if (!descr.equals("<i8")) throw new IllegalStateException("not an int64 file");
        row.clear();
        row.putLong(value);
        append(row.array());
        rows++;
    }

    /** Appends one row: the first rowBytes of {@code bytes}. */
    private void append(byte[] bytes) throws IOException {
        out.write(bytes, 0, rowBytes);
    }

    public long rows() {
        return rows;
    }

    private void check(int bytes) {
        if (bytes != rowBytes) throw new IllegalArgumentException("row has " + bytes + " bytes, expected " + rowBytes);
    }

    byte[] header(long count) {
        StringBuilder shape = new StringBuilder("(").append(count);
        if (rowShape.length == 0) {
            shape.append(",");
        } else {
            for (int d : rowShape) shape.append(", ").append(d);
        }
        shape.append(")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int textLength = HEADER_BYTES - MAGIC.length - 2;
        if (dict.length() + 1 > textLength) throw new IllegalStateException("npy header too long: " + dict);
        String text = dict + " ".repeat(textLength - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) textLength).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Whether the rows bypassed the page cache (direct I/O). */
    boolean direct() {
        return out.direct();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.replaceStart(header(rows));
        out.close();
    }
}
