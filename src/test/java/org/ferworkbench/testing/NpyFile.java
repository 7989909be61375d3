package org.ferworkbench.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small independent .npy reader for tests (parses the header as NumPy does; data loaded whole). */
public record NpyFile(String descr, long[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public static NpyFile read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if ((b[0] & 0xFF) != 0x93 || b[1] != 'N' || b[6] != 1) throw new IOException("not an npy v1 file: " + file);
        int len = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        String header = new String(b, 10, len, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || !header.contains("'fortran_order': False")) throw new IOException("bad header " + header);
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteBuffer data = ByteBuffer.wrap(b, 10 + len, b.length - 10 - len).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new NpyFile(d.group(1), shape, data);
    }

    public long count() {
        return Arrays.stream(shape).reduce(1, (a, c) -> a * c);
    }

    public int[] labelCounts() {
        int max = -1;
        for (int i = 0; i < shape[0]; i++) max = (int) Math.max(max, data.getLong(i * 8));
        int[] counts = new int[max + 1];
        for (int i = 0; i < shape[0]; i++) counts[(int) data.getLong(i * 8)]++;
        return counts;
    }

    public float minFloat() {
        float m = Float.MAX_VALUE;
        for (long i = 0; i < count(); i++) m = Math.min(m, data.getFloat((int) i * 4));
        return m;
    }

    public float maxFloat() {
        float m = -Float.MAX_VALUE;
        for (long i = 0; i < count(); i++) m = Math.max(m, data.getFloat((int) i * 4));
        return m;
    }
}
