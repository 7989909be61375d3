package org.ferworkbench.testing;

import org.ferworkbench.core.dataset.FileNames;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dataset whose file names are hostile to locales: accents, CJK, emoji, a class folder with a CJK name, and
 * names whose bytes are not UTF-8. Names are made by the shell from octal escapes, not by this JVM: Java cannot
 * make a name that is not UTF-8, and under a C/POSIX locale it cannot make a non-ASCII one either.
 */
public final class OddNames {
    private OddNames() { }

    /** The class folder with a CJK name. */
    public static final String CJK_CLASS = "表情";
    /** Display text of the image named 's', 'a', 'd', 0xFF, '.jpg' (bytes that are not UTF-8 are shown as {@code \xNN}). */
    public static final String INVALID_IMAGE = "sad/sad\\xff.jpg";
    /** Display text of the non-image named 'notes', 0xFE, '.txt' in the same class folder. */
    public static final String INVALID_NOT_IMAGE = "sad/notes\\xfe.txt";
    /** The files that are not images, in the order the scanner lists them as skipped. */
    public static final List<String> NOT_IMAGES = List.of("joy/café.txt", INVALID_NOT_IMAGE);
    /** The images by display text, in the order the scanner lists them (classes sorted, then names). */
    public static final List<String> IMAGES = List.of("joy/plain.jpg", "joy/é.jpg", "joy/ü.jpg",
            "sad/s1.jpg", "sad/s2.jpg", INVALID_IMAGE,
            CJK_CLASS + "/表情.jpg", CJK_CLASS + "/😀.jpg");

    /** Skips the test where names cannot hold bytes that are not UTF-8 (Windows, macOS, a utf8only ZFS). */
    public static void assumeRawNames(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(File.separatorChar == '/' && System.getProperty("os.name").toLowerCase().contains("linux"),
                "skipped: file names that are not UTF-8 exist only on Linux file systems");
        Path probe = Files.createTempDirectory(Files.createDirectories(dir), "probe");
        boolean made = write(probe, "x\\377", new byte[0]);
        List<Path> listed;
        try (var list = Files.list(probe)) {
            listed = list.toList();
        }
        for (Path p : listed) Files.delete(p);   // the listed path keeps the name's bytes
        Files.delete(probe);
        Assumptions.assumeTrue(made && listed.size() == 1, "skipped: this file system refuses names that are not UTF-8");
    }

    /**
     * Writes the dataset into root: joy/ (é, ü, plain, and café.txt), sad/ (s1, s2, and an image and a non-image
     * whose names are not UTF-8) and 表情/ (😀, 表情): eight distinct JPEGs, all readable, and two text files.
     */
    public static Path dataset(Path root) throws IOException, InterruptedException {
        assumeRawNames(root);
        long seed = 100;
        for (String image : IMAGES) {
            String bytes = image.equals(INVALID_IMAGE) ? "sad/sad\\377.jpg" : escaped(image);
            if (!write(root, bytes, TestData.jpeg(TestData.image(40, 40, seed++)))) {
                throw new IOException("could not create " + image + " in " + root);
            }
        }
        for (String other : NOT_IMAGES) {
            String bytes = other.equals(INVALID_NOT_IMAGE) ? "sad/notes\\376.txt" : escaped(other);
            if (!write(root, bytes, "not an image\n".getBytes(StandardCharsets.UTF_8))) {
                throw new IOException("could not create " + other + " in " + root);
            }
        }
        return root;
    }

    /**
     * Writes content to root/name, where name is printf(1) text: octal escapes give any bytes, and a '/' makes
     * the folder first. The content goes through an ASCII-named file that the shell then renames.
     */
    public static boolean write(Path root, String name, byte[] content) throws IOException, InterruptedException {
        Files.createDirectories(root);
        Path staged = Files.write(Files.createTempFile(root, "staged", ".tmp"), content);
        Process p = new ProcessBuilder("sh", "-c",
                "target=$(printf \"$2\") && mkdir -p -- \"$(dirname -- \"$target\")\" && mv -- \"$1\" \"$target\"",
                "sh", staged.getFileName().toString(), name)
                .directory(root.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Files.deleteIfExists(staged);
        return ok;
    }

    /** The entry of dir whose display name (FileNames) is the given one: the listed path, which keeps its bytes. */
    public static Path listed(Path dir, String display) throws IOException {
        try (var list = Files.list(dir)) {
            return list.filter(p -> FileNames.of(p).equals(display)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + display + " in " + dir));
        }
    }

    /** True when root/name exists, name given as printf(1) text: checked by the shell, not through Java's paths. */
    public static boolean exists(Path root, String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "test -e \"$(printf \"$1\")\"", "sh", name)
                .directory(root.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** A name as printf text: each byte of its UTF-8 that is not a plain ASCII letter, digit, '.', '/' as an octal escape. */
    public static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || v == '.' || v == '/') {
                out.append((char) v);
            } else {
                out.append(String.format("\\%03o", v));   // three digits: a digit after it is not read as part of it
            }
        }
        return out.toString();
    }
}
