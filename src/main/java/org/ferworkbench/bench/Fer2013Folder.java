package org.ferworkbench.bench;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Builds a study-format dataset (RGB JPEGs of a given size, one folder per class) from the FER2013 archive,
 * for benchmarks and scale tests: 48x48 grayscale faces upscaled (bicubic) and stored as RGB. Copies r > 1
 * replicate every image under a new name to make larger sets.
 */
public final class Fer2013Folder {
    private final ImageCodec codec = new ImageCodec();
    private final ImageResizer resizer = new ImageResizer();

    /**
     * @param limit    at most this many source images (0 = all), taken in archive order
     * @param perClass at most this many source images of each class (0 = no limit), so a small set still has every class
     * @param classes  only these class folder names of the archive (null = all)
     * @return images written
     */
    public int build(Path archive, Path out, int size, int limit, int perClass, int replicas,
                     java.util.Set<String> classes) throws IOException {
        Files.createDirectories(out);
        Map<String, Integer> perClassCount = new HashMap<>();
        int written = 0;
        try (InputStream raw = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile() || !entry.getName().toLowerCase().endsWith(".jpg")) continue;
                String[] parts = entry.getName().split("/");
                if (parts.length < 2) continue;
                String cls = parts[parts.length - 2];
                if (classes != null && !classes.contains(cls)) continue;
                if (perClass > 0 && perClassCount.getOrDefault(cls, 0) >= perClass) continue;
                byte[] bytes = tar.readAllBytes();
                RgbImage image;
                try {
                    image = resizer.resize(codec.decode(bytes), size, size);
                } catch (ImageDecodeException e) {
                    continue;
                }
                byte[] jpeg = codec.encodeJpeg(image, 95);
                Path dir = out.resolve(cls);
                Files.createDirectories(dir);
                String split = parts.length >= 3 ? parts[parts.length - 3] + "_" : "";
                String name = parts[parts.length - 1];
                for (int r = 0; r < replicas; r++) {
                    String prefix = replicas > 1 ? "r" + r + "_" : "";
                    Files.write(dir.resolve(prefix + split + name), jpeg);
                    written++;
                }
                perClassCount.merge(cls, 1, Integer::sum);
                if (limit > 0 && written >= limit) break;
            }
        }
        return written;
    }
}
