package org.ferworkbench.ui.support;

import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated datasets for UI tests. */
public final class Datasets {
    private Datasets() { }

    /**
     * anger 12, disgust 5, fear 8 JPEGs of 40x40; in each class image 1 is dark (no face for {@link FakeFaces})
     * and image 2 bright (two faces); the rest are mid-grey gradients (one face). Plus one broken file in fear.
     */
    public static Path small(Path root) throws IOException {
        int[] counts = {12, 5, 8};
        String[] names = {"anger", "disgust", "fear"};
        long seed = 1;
        for (int c = 0; c < names.length; c++) {
            Path dir = Files.createDirectories(root.resolve(names[c]));
            for (int i = 0; i < counts[c]; i++) {
                RgbImage image = i == 1 ? TestData.solid(40, 40, 10, 10, 10)
                        : i == 2 ? TestData.solid(40, 40, 240, 240, 240)
                        : midGrey(seed++);
                Files.write(dir.resolve(String.format("%s_%03d.jpg", names[c], i)), TestData.jpeg(image));
            }
        }
        Files.write(root.resolve("fear/fear_broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        return root;
    }

    private static RgbImage midGrey(long seed) {
        RgbImage base = TestData.image(40, 40, seed);
        byte[] px = base.pixels().clone();
        for (int i = 0; i < px.length; i++) px[i] = (byte) (80 + (px[i] & 0xFF) / 3);
        return new RgbImage(40, 40, px);
    }
}
