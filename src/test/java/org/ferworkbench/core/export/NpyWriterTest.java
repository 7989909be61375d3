package org.ferworkbench.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void headerIsNpy10WithTheFinalShapeAndAlignedTo64() throws Exception {
        Path f = dir.resolve("x.npy");
        try (NpyWriter w = NpyWriter.float32(f, 2, 2, 3)) {
            w.appendPixels(new byte[]{0, (byte) 255, 51, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 128});
            w.appendPixels(new byte[]{(byte) 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes.length).isEqualTo(128 + 2 * 12 * 4);
        ByteBuffer second = ByteBuffer.wrap(bytes, 128 + 48, 48).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(second.getFloat()).isEqualTo(1f);
        assertThat(second.getFloat()).as("the reused buffer is rewritten, not left with the first row").isEqualTo(0f);
        assertThat(new byte[]{bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]})
                .isEqualTo(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2, 3), }").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(bytes, 128, 48).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(0f);
        assertThat(data.getFloat()).isEqualTo(1f);
        assertThat(data.getFloat()).isEqualTo(51 / 255f);
    }

    @Test
    void labelsAreOneDimensionalInt64() throws Exception {
        Path f = dir.resolve("y.npy");
        try (NpyWriter w = NpyWriter.int64(f)) {
            w.appendLong(5);
            w.appendLong(0);
            w.appendLong(3);
        }
        byte[] bytes = Files.readAllBytes(f);
        String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<i8'").contains("'shape': (3,)");
        ByteBuffer data = ByteBuffer.wrap(bytes, 128, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getLong()).isEqualTo(5);
        assertThat(data.getLong()).isEqualTo(0);
        assertThat(data.getLong()).isEqualTo(3);
    }

    @Test
    void emptyArrayIsStillValidAndUint8KeepsBytes() throws Exception {
        Path f = dir.resolve("e.npy");
        NpyWriter.uint8(f, 4, 4, 3).close();
        assertThat(new String(Files.readAllBytes(f), 10, 118, StandardCharsets.US_ASCII))
                .contains("'descr': '|u1'").contains("'shape': (0, 4, 4, 3)");
        Path g = dir.resolve("g.npy");
        try (NpyWriter w = NpyWriter.uint8(g, 1, 2, 1)) {
            w.appendPixels(new byte[]{7, (byte) 200});
            w.appendPixels(new byte[]{9, 1});
        }
        byte[] bytes = Files.readAllBytes(g);
        assertThat(bytes).hasSize(128 + 4);
        assertThat(java.util.Arrays.copyOfRange(bytes, 128, 132)).containsExactly(7, (byte) 200, 9, 1);
    }
}
