package org.ferworkbench.testing;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** Images and datasets made by the tests themselves, and the location of the shared real data. */
public final class TestData {
    private TestData() { }

    /** ../shared/data relative to the project, or null when absent (a user's machine). */
    public static Path sharedData() {
        Path p = Path.of("..", "shared", "data").toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p : null;
    }

    public static Path sharedDataOrSkip(String child) {
        Path root = sharedData();
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null && Files.exists(root.resolve(child)),
                "skipped: ../shared/data/" + child + " is not present (third-party research data, only on developer and CI machines)");
        return root.resolve(child);
    }

    /** A smooth random RGB image (gradients plus noise), deterministic for a seed. */
    public static RgbImage image(int width, int height, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[width * height * 3];
        int a = r.nextInt(256), b = r.nextInt(256), c = r.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                px[i] = (byte) ((a + x * 255 / width + r.nextInt(8)) & 0xFF);
                px[i + 1] = (byte) ((b + y * 255 / height + r.nextInt(8)) & 0xFF);
                px[i + 2] = (byte) ((c + (x + y) * 4) & 0xFF);
            }
        }
        return new RgbImage(width, height, px);
    }

    public static RgbImage solid(int width, int height, int red, int green, int blue) {
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) red;
            px[i + 1] = (byte) green;
            px[i + 2] = (byte) blue;
        }
        return new RgbImage(width, height, px);
    }

    public static byte[] jpeg(RgbImage image) {
        return new ImageCodec().encodeJpeg(image, 92);
    }

    public static byte[] png(RgbImage image) {
        return new ImageCodec().encodePng(image);
    }

    /** Encodes with any OpenCV extension (".webp", ".bmp", ...); the image goes in as RGB. */
    public static byte[] encode(RgbImage image, String extension) {
        Mat bgr = org.ferworkbench.core.image.Mats.toBgrMat(image);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(extension, bgr, out, new MatOfInt());
        byte[] bytes = out.toArray();
        bgr.release();
        out.release();
        return bytes;
    }

    /** A dataset folder with the given number of JPEGs per class (size x size, distinct content). */
    public static Path dataset(Path root, Map<String, Integer> counts, int size) throws IOException {
        long seed = 1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(e.getKey()));
            for (int i = 0; i < e.getValue(); i++) {
                Files.write(dir.resolve(String.format("%s_%03d.jpg", e.getKey(), i)), jpeg(image(size, size, seed++)));
            }
        }
        return root;
    }

    /** Samples (no files) with the given count per class, labels in sorted class order. */
    public static java.util.List<org.ferworkbench.core.dataset.Sample> samples(Map<String, Integer> counts) {
        java.util.List<org.ferworkbench.core.dataset.Sample> out = new java.util.ArrayList<>();
        int label = 0;
        for (var e : new java.util.TreeMap<>(counts).entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                String rel = e.getKey() + "/img" + i + ".jpg";
                out.add(new org.ferworkbench.core.dataset.Sample(e.getKey(), label, rel, Path.of(rel)));
            }
            label++;
        }
        return out;
    }

}
