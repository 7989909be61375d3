package org.ferworkbench.bench;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * MTCNN detection throughput on a folder of face images, in the study's format (every image SIZE x SIZE RGB;
 * smaller or grayscale inputs are upscaled bicubic to it, like the study's 48x48 FER2013 -> 128x128).
 *
 * <pre>
 * java [-Dai.djl.pytorch.num_threads=T] -cp ... org.ferworkbench.bench.DetectBenchmark FOLDER
 *      [--limit 3000] [--batch 256] [--size 128] [--workers CORES] [--rounds 3]
 * </pre>
 * Prints two figures: detection only (images decoded beforehand, in memory), and decode + detect with decoding on
 * a separate thread overlapping inference. W workers (default: one per core) each run their own single-threaded
 * detector on their own batches; libtorch intra-op threads default to 1 (see MtcnnModels), which is faster and far
 * steadier on a shared 2-core machine than one detector using 2 threads.
 */
public final class DetectBenchmark {

    private DetectBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path folder = null;
        int limit = 3000, batch = 256, size = 128, rounds = 3;
        int workers = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit": limit = Integer.parseInt(args[++i]); break;
                case "--batch": batch = Integer.parseInt(args[++i]); break;
                case "--size": size = Integer.parseInt(args[++i]); break;
                case "--workers": workers = Integer.parseInt(args[++i]); break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                default: folder = Paths.get(args[i]);
            }
        }
        if (folder == null) {
            System.err.println("usage: DetectBenchmark FOLDER [--limit N] [--batch B] [--size S] [--workers W] [--rounds R]");
            System.exit(2);
        }
        List<Path> files = pick(folder, limit);
        System.out.printf(Locale.ROOT, "%d images from %s, %dx%d RGB, batch %d, %d worker(s), %d cores%n",
                files.size(), folder, size, size, batch, workers, Runtime.getRuntime().availableProcessors());

        ImageCodec codec = new ImageCodec();
        ImageResizer resizer = new ImageResizer();
        long t0 = System.nanoTime();
        List<RgbImage> images = new ArrayList<>(files.size());
        for (Path f : files) images.add(load(codec, resizer, f, size));
        double decodeSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "decode + upscale: %.2f s (%.0f images/s, one thread)%n",
                decodeSeconds, files.size() / decodeSeconds);

        try (MtcnnModels models = MtcnnModels.load()) {
            System.out.printf(Locale.ROOT, "libtorch intra-op threads per detector: %s%n",
                    System.getProperty("ai.djl.pytorch.num_threads"));
            // warm-up: every pyramid shape and batch size once
            runDetection(models, images.subList(0, Math.min(images.size(), batch * workers)), batch, workers);
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime(), c = ProcessStats.cpuNanos();
                int faces = runDetection(models, images, batch, workers);
                report("detection only", r, t, c, images.size(), faces);
            }
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime(), c = ProcessStats.cpuNanos();
                int faces = runPipelined(models, files, size, batch, workers);
                report("decode + detect (overlapped)", r, t, c, files.size(), faces);
            }
        }
    }

    /**
     * One round's figures: wall-clock images/s, and the process CPU time per image with the throughput it implies
     * on all cores. The latter is steadier when other work shares the machine (it excludes waiting for the CPU).
     */
    static void report(String what, int round, long t0, long cpu0, int n, int faces) {
        double s = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (ProcessStats.cpuNanos() - cpu0) / 1e6 / n;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s, round %d: %.2f s, %.1f images/s (%d faces); CPU %.2f ms/image "
                + "(= %.0f images/s on %d free cores), RSS %s%n", what, round + 1, s, n / s, faces, cpuMs,
                cores * 1000 / cpuMs, cores, ProcessStats.residentSetSize());
    }

    public static List<Path> pick(Path folder, int limit) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.walk(folder)) {
            all = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|webp)"))
                    .sorted().collect(Collectors.toList());
        }
        if (all.size() <= limit) return all;
        // spread over the whole (sorted) folder, so every class is represented
        List<Path> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) out.add(all.get((int) ((long) i * all.size() / limit)));
        return out;
    }

    public static RgbImage load(ImageCodec codec, ImageResizer resizer, Path f, int size) throws Exception {
        return resizer.resize(codec.decode(Files.readAllBytes(f)), size, size);
    }

    /** Detection only: the images are split in batches, handed out to the workers. */
    static int runDetection(MtcnnModels models, List<RgbImage> images, int batch, int workers) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger faces = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(pool.submit(() -> {
                    try (MtcnnDetector d = new MtcnnDetector(models)) {
                        int start;
                        while ((start = next.getAndAdd(batch)) < images.size()) {
                            List<List<FaceDetection>> r =
                                    d.detectBatch(images.subList(start, Math.min(images.size(), start + batch)));
                            for (List<FaceDetection> l : r) faces.addAndGet(l.size());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        return faces.get();
    }

    /** Decode on one thread into a bounded queue of batches; the workers detect. */
    static int runPipelined(MtcnnModels models, List<Path> files, int size, int batch, int workers) throws Exception {
        BlockingQueue<List<RgbImage>> queue = new ArrayBlockingQueue<>(2 * workers);
        AtomicInteger faces = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
        try {
            Future<?> producer = pool.submit(() -> {
                ImageCodec codec = new ImageCodec();
                ImageResizer resizer = new ImageResizer();
                List<RgbImage> current = new ArrayList<>(batch);
                for (Path f : files) {
                    current.add(load(codec, resizer, f, size));
                    if (current.size() == batch) {
                        queue.put(current);
                        current = new ArrayList<>(batch);
                    }
                }
                if (!current.isEmpty()) queue.put(current);
                for (int w = 0; w < workers; w++) queue.put(List.of());   // end markers
                return null;
            });
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(pool.submit(() -> {
                    try (MtcnnDetector d = new MtcnnDetector(models)) {
                        List<RgbImage> b;
                        while (!(b = queue.take()).isEmpty()) {
                            for (List<FaceDetection> l : d.detectBatch(b)) faces.addAndGet(l.size());
                        }
                    }
                    return null;
                }));
            }
            producer.get();
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        return faces.get();
    }
}
