package org.ferworkbench.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files written in aligned blocks (direct I/O where allowed) hold exactly the bytes appended, with the start replaced,
 * whatever the length: under a block, whole chunks, a ragged tail; and the same bytes through the page cache.
 */
class BlockFileTest {
    @TempDir
    Path dir;

    @Test
    void holdsExactlyTheBytesAppendedWithTheStartReplaced() throws Exception {
        Random random = new Random(7);
        for (int length : new int[] {0, 100, 4095, 4096, 4097, BlockFile.CHUNK, 2 * BlockFile.CHUNK + 12_345}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] start = new byte[Math.min(length, 128)];
            random.nextBytes(start);
            for (boolean direct : new boolean[] {true, false}) {
                Path f = dir.resolve(length + "-" + direct + ".bin");
                try (BlockFile out = BlockFile.create(f, direct)) {
                    // odd pieces, so appends straddle the chunk's end
                    for (int at = 0, piece = 1; at < length; at += piece, piece = piece * 3 % 65_537 + 1) {
                        out.write(data, at, Math.min(piece, length - at));
                    }
                    assertThat(out.length()).isEqualTo(length);
                    out.replaceStart(start);
                }
                byte[] expected = data.clone();
                System.arraycopy(start, 0, expected, 0, start.length);
                assertThat(Arrays.equals(Files.readAllBytes(f), expected)).as("%d bytes, direct %s", length, direct).isTrue();
            }
        }
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        Path f = dir.resolve("kept.npy");
        Files.write(f, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> BlockFile.create(f)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    }

    @Test
    void writesOnTmpfsToo() throws Exception {
        // tmpfs refuses O_DIRECT before Linux 6.6: the file is written all the same, direct or not
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "skipped: no /dev/shm");
        Path f = Files.createTempDirectory(shm, "blockfile").resolve("x.bin");
        try {
            byte[] data = new byte[BlockFile.CHUNK + 999];
            new Random(3).nextBytes(data);
            try (BlockFile out = BlockFile.create(f)) {
                out.write(data, 0, data.length);
            }
            assertThat(Arrays.equals(Files.readAllBytes(f), data)).isTrue();
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(f.getParent());
        }
    }
}
