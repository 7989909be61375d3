package org.ferworkbench.bench;

import org.ferworkbench.core.duplicates.DuplicateCandidate;
import org.ferworkbench.core.duplicates.DuplicateFinder;
import org.ferworkbench.core.duplicates.DuplicateGroup;
import org.ferworkbench.core.duplicates.DuplicateGroups;
import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.duplicates.LinkKind;
import org.ferworkbench.core.duplicates.RealImages;
import org.ferworkbench.core.duplicates.Variants;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Speed of the duplicate search, not a unit test (timings belong to a quiet machine):
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.DuplicateBenchmark [fer2013.tar.gz] [threads]
 * </pre>
 * Fingerprint.of per image at 128x128 (RGB, FER2013 upscaled) and 48x48 (FER2013 as stored), next to the decode of the
 * same JPEG; then DuplicateFinder.find on FER2013 (35,887) and on 100,000 fingerprints: FER2013 plus variants of
 * its images (re-saved, resized, mirrored, brighter, cropped), so hashes cluster the way real faces do.
 */
public final class DuplicateBenchmark {
    private DuplicateBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args.length > 0 ? args[0] : "../shared/data/fer2013_images.tar.gz");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB, %d find threads%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, threads);
        List<RealImages.Item> fer = RealImages.fer2013(archive);
        System.out.printf(Locale.ROOT, "FER2013: %d images read and fingerprinted%n", fer.size());

        fingerprintSpeed(fer);

        List<DuplicateCandidate> candidates = new ArrayList<>(fer.stream().map(RealImages.Item::candidate).toList());
        find("FER2013", candidates, threads);
        find("FER2013, 1 thread", candidates, 1);
        candidates.addAll(variants(fer, 100_000 - candidates.size()));
        find("100k (FER2013 + variants)", candidates, threads);
        find("100k, 1 thread", candidates, 1);
    }

    private static void fingerprintSpeed(List<RealImages.Item> fer) throws ImageDecodeException {
        ImageCodec codec = new ImageCodec();
        int n = 2000;
        List<RgbImage> small = new ArrayList<>(), large = new ArrayList<>();
        List<byte[]> largeJpeg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RgbImage image = fer.get(i * 17 % fer.size()).image();
            small.add(image);
            RgbImage big = Variants.resize(image, 128, 128);
            largeJpeg.add(codec.encodeJpeg(big, 95));
            large.add(codec.decode(largeJpeg.get(i)));
        }
        for (int round = 0; round < 5; round++) {   // the last rounds count: the JIT has compiled by then
            double us128 = perImage(large), us48 = perImage(small);
            long start = System.nanoTime();
            for (byte[] jpeg : largeJpeg) codec.decode(jpeg);
            double decode = (System.nanoTime() - start) / 1e3 / n;
            System.out.printf(Locale.ROOT, "round %d: Fingerprint.of %.1f us/image at 128x128 RGB, %.1f us at 48x48; "
                    + "decoding the 128x128 JPEG %.1f us (fingerprint = %.1f%% of it)%n", round, us128, us48, decode, 100 * us128 / decode);
        }
    }

    private static long sink;

    private static double perImage(List<RgbImage> images) {
        long start = System.nanoTime();
        for (int rep = 0; rep < 5; rep++) {
            for (RgbImage image : images) sink += Fingerprint.of(image).dct();
        }
        return (System.nanoTime() - start) / 1e3 / (5.0 * images.size());
    }

    private static List<DuplicateCandidate> variants(List<RealImages.Item> fer, int count) {
        Random random = new Random(14);
        List<DuplicateCandidate> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RealImages.Item source = fer.get(random.nextInt(fer.size()));
            RgbImage image = source.image();
            RgbImage variant = switch (i % 6) {
                case 0 -> Variants.jpeg(image, 50 + random.nextInt(30));
                case 1 -> Variants.scale(image, 0.6 + random.nextDouble() * 0.9);
                case 2 -> Variants.mirror(Variants.jpeg(image, 80));
                case 3 -> Variants.brightness(image, 0.7 + random.nextDouble() * 0.6);
                case 4 -> Variants.crop(image, 0.01 + random.nextDouble() * 0.03);
                default -> Variants.jpeg(Variants.grey(Variants.scale(image, 2)), 70);
            };
            out.add(new DuplicateCandidate("variants/" + i + ".jpg", source.className(), null, Fingerprint.of(variant)));
        }
        return out;
    }

    private static void find(String label, List<DuplicateCandidate> candidates, int threads) {
        DuplicateFinder finder = new DuplicateFinder(DuplicateFinder.DEFAULT_MAX_DISTANCE, DuplicateFinder.DEFAULT_MAX_THUMB_DIFFERENCE, threads);
        finder.find(candidates.subList(0, Math.min(5000, candidates.size())));   // warm up
        System.gc();
        long before = usedHeap();
        long start = System.nanoTime();
        DuplicateGroups groups = finder.find(candidates);
        double seconds = (System.nanoTime() - start) / 1e9;
        long retained = usedHeap() - before;
        long near = groups.groups().stream().filter(g -> g.kinds().contains(LinkKind.NEAR)).count();
        int largest = groups.groups().stream().mapToInt(DuplicateGroup::size).max().orElse(0);
        System.out.printf(Locale.ROOT, "%s: %d images, %d threads: %.2f s; %d groups (%d with near links), %d images in groups, "
                        + "largest %d; result holds %d MB%n", label, candidates.size(), threads, seconds, groups.groups().size(), near,
                groups.imagesInGroups(), largest, retained >> 20);
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
