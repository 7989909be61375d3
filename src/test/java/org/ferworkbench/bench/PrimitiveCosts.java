package org.ferworkbench.bench;

import org.ferworkbench.core.augment.AugmentationParameters;
import org.ferworkbench.core.augment.Augmenter;
import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.export.NpyWriter;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.read.SourceReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The cost model's bottom line (issue 19), not a unit test: what each primitive of the no-detection path costs per
 * image on one thread, warm, so that the pipeline's own cost per image can be set against their sum.
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.PrimitiveCosts &lt;dataset&gt; [images] [rounds]
 * </pre>
 * Reads up to {@code images} files of the dataset (default 3,000) into memory, then times, per image, each primitive
 * alone in its own pass (thread CPU time, median of {@code rounds}, default 5): reading the file, SHA-256 of its
 * bytes, decoding (OpenCV), the duplicate fingerprint, the study's augmentation (rotation, brightness, flip), the
 * area resize to 96x96, the float32 conversion and the write of a 96x96x3 row (uint8 and float32, to a file in the
 * system's temp folder).
 */
public final class PrimitiveCosts {
    private PrimitiveCosts() { }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp)$"))
                    .sorted().limit(limit).toList();
        }
        ImageCodec codec = new ImageCodec();
        ImageResizer resizer = new ImageResizer();
        Augmenter augmenter = new Augmenter(AugmentationParameters.DEFAULTS.border());
        int n = files.size();
        byte[][] bytes = new byte[n][];
        RgbImage[] images = new RgbImage[n];
        RgbImage[] rows = new RgbImage[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = Files.readAllBytes(files.get(i));
            images[i] = codec.decode(bytes[i]);
            rows[i] = resizer.resize(images[i], 96, 96);
        }
        Path dir = Files.createTempDirectory("primitive-costs");
        Path tmp = dir.resolve("rows.npy");
        long[] sink = {0};
        Map<String, IntConsumer> steps = new LinkedHashMap<>();
        steps.put("read file", i -> {
            try {
                sink[0] += Files.readAllBytes(files.get(i)).length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        steps.put("SHA-256", i -> sink[0] += SourceReader.sha256(bytes[i]).charAt(0));
        steps.put("decode", i -> {
            try {
                sink[0] += codec.decode(bytes[i]).width();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        steps.put("fingerprint", i -> sink[0] += Fingerprint.of(images[i]).dct());
        steps.put("augment", i -> sink[0] += augmenter.apply(images[i], AugmentationParameters.DEFAULTS.sample(i)).width());
        steps.put("resize to 96", i -> sink[0] += resizer.resize(images[i], 96, 96).width());
        steps.put("to float32", i -> {
            byte[] p = rows[i].pixels();
            float[] f = new float[p.length];
            for (int k = 0; k < p.length; k++) f[k] = (p[k] & 0xff) / 255f;
            sink[0] += (long) f[7];
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, double[]> us = new LinkedHashMap<>();
        for (String name : steps.keySet()) us.put(name, new double[rounds]);
        us.put("write uint8 row", new double[rounds]);
        us.put("write float32 row", new double[rounds]);
        for (int round = -1; round < rounds; round++) {     // round -1 warms up the JIT and the page cache
            for (Map.Entry<String, IntConsumer> step : steps.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) step.getValue().accept(i);
                if (round >= 0) us.get(step.getKey())[round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
            }
            for (boolean f32 : new boolean[]{false, true}) {
                long start = threads.getCurrentThreadCpuTime();
                Files.deleteIfExists(tmp);
                try (NpyWriter w = f32 ? NpyWriter.float32(tmp, 96, 96, 3) : NpyWriter.uint8(tmp, 96, 96, 3)) {
                    for (int i = 0; i < n; i++) w.appendPixels(rows[i].pixels());
                }
                if (round >= 0) us.get(f32 ? "write float32 row" : "write uint8 row")[round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
            }
        }
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(dir);
        System.out.printf(Locale.ROOT, "%s: %d images (%dx%d first), one thread, warm, median of %d rounds (sink %d)%n",
                root, n, images[0].width(), images[0].height(), rounds, sink[0] & 1);
        System.out.printf(Locale.ROOT, "%-20s %10s%n", "primitive", "us/image");
        for (Map.Entry<String, double[]> e : us.entrySet()) {
            double[] v = e.getValue().clone();
            java.util.Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-20s %10.1f%n", e.getKey(), v[v.length / 2]);
        }
    }
}
