package org.ferworkbench.core.duplicates;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The shared real datasets, read and fingerprinted for tests, the survey and the benchmark. */
public final class RealImages {
    private static final ImageCodec CODEC = new ImageCodec();

    private RealImages() { }

    /** One file: its bytes are kept (small datasets) so pairs can be looked at. */
    public record Item(String id, String className, byte[] bytes, String sha256, Fingerprint fingerprint) {
        public DuplicateCandidate candidate() {
            return new DuplicateCandidate(id, className, sha256, fingerprint);
        }

        public RgbImage image() {
            return Variants.decode(bytes);
        }
    }

    /** Every decodable image under a folder-per-class dataset; files directly in the root get class "". */
    public static List<Item> folder(Path root) {
        List<Item> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(RealImages::isImage).sorted().toList()) {
                String id = root.relativize(p).toString().replace('\\', '/');
                String cls = id.contains("/") ? id.substring(0, id.indexOf('/')) : "";
                Item item = item(id, cls, Files.readAllBytes(p));
                if (item != null) out.add(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** FER2013 straight from its archive: ids like {@code train/angry/Training_123.jpg}, class the emotion folder. */
    public static List<Item> fer2013(Path archive) {
        List<Item> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile() || !isImage(Path.of(entry.getName()))) continue;
                String[] parts = entry.getName().split("/");
                String id = String.join("/", java.util.Arrays.copyOfRange(parts, Math.max(0, parts.length - 3), parts.length));
                Item item = item(id, parts[parts.length - 2], tar.readAllBytes());
                if (item != null) out.add(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Item item(String id, String cls, byte[] bytes) {
        try {
            RgbImage image = CODEC.decode(bytes);
            return new Item(id, cls, bytes, sha256(bytes), Fingerprint.of(image));
        } catch (ImageDecodeException e) {
            return null;
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
