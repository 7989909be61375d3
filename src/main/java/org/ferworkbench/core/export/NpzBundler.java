package org.ferworkbench.core.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Bundles finished .npy files into an .npz (a zip of .npy files, stored uncompressed like numpy.savez).
 * Entries get a fixed timestamp so the same arrays give the same bytes. Streams: memory stays bounded.
 */
public final class NpzBundler {
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest zip time

    public void bundle(Path npz, List<Path> npyFiles) throws IOException {
        try (OutputStream out = Files.newOutputStream(npz);
             ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
            zip.setMethod(ZipOutputStream.STORED);
            byte[] buffer = new byte[1 << 16];
            for (Path file : npyFiles) {
                ZipEntry entry = new ZipEntry(file.getFileName().toString());
                entry.setTime(FIXED_TIME);
                entry.setSize(Files.size(file));
                entry.setCompressedSize(Files.size(file));
                entry.setCrc(crc(file, buffer));
                zip.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) zip.write(buffer, 0, n);
                }
                zip.closeEntry();
            }
        }
    }

    private static long crc(Path file, byte[] buffer) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) crc.update(buffer, 0, n);
        }
        return crc.getValue();
    }
}
