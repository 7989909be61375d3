package org.ferworkbench.bench;

import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.HostileImages;
import org.ferworkbench.testing.TestData;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the two data sets of the decode-memory benchmark (docs/benchmarks.md, "Hostile and large images"), each a
 * dataset with two class folders:
 * <ul>
 *   <li>{@code bombs}: four 27000x27000 PNGs of 0.7 MB each (729 MP claimed; decoded, 2.2 GB each) and four ordinary photos;</li>
 *   <li>{@code large}: four 12000x9000 JPEGs (108 MP, legitimate but large: about 1 GB each to decode).</li>
 * </ul>
 * Usage: {@code java -cp target/classes:target/test-classes:target/libs/* org.ferworkbench.bench.HostileSet bombs|large <out>}
 */
public final class HostileSet {
    private HostileSet() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("bombs") || args[0].equals("large"))) {
            System.err.println("usage: HostileSet bombs|large <out>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Path a = Files.createDirectories(out.resolve("a"));
        Path b = Files.createDirectories(out.resolve("b"));
        if (args[0].equals("bombs")) {
            byte[] bomb = HostileImages.blackPng(27000, 27000);
            for (int i = 0; i < 4; i++) Files.write((i % 2 == 0 ? a : b).resolve("bomb" + i + ".png"), bomb);
            for (int i = 0; i < 4; i++) {
                Files.write((i % 2 == 0 ? a : b).resolve("photo" + i + ".jpg"), TestData.jpeg(TestData.image(640, 480, i)));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                RgbImage image = TestData.image(12000, 9000, i);
                Files.write((i % 2 == 0 ? a : b).resolve("large" + i + ".jpg"), TestData.jpeg(image));
            }
        }
        System.out.println("wrote " + args[0] + " set to " + out);
    }
}
