package org.ferworkbench.bench;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.facenet.FaceBox;
import org.ferworkbench.core.facenet.FaceInImage;
import org.ferworkbench.core.facenet.FaceNetModels;
import org.ferworkbench.core.facenet.FaceNets;
import org.ferworkbench.core.facenet.Landmarks68;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Throughput of the face-api nets (landmarks, expressions, descriptors) on real faces: the MTCNN faces of the photos
 * in FOLDER (../shared/data/faces by default), repeated to about {@code --faces} faces. Each net is timed on its own
 * boxes, as face-api's pipeline gives them: landmarks on the MTCNN boxes, expressions on
 * {@link Landmarks68#alignedBox()}, descriptors on {@link Landmarks68#descriptorBox()}.
 *
 * <pre>
 * java -cp ... org.ferworkbench.bench.FaceNetsBenchmark
 *      [FOLDER] [--faces 432] [--threads CORES] [--rounds 3]
 * </pre>
 * T threads (default: one per core) each own a {@link FaceNets} on one shared {@link FaceNetModels} and take an
 * equal share of the faces in one call (FaceNets runs each net in calls of a fixed size: {@link FaceNets#LANDMARK_BATCH},
 * {@link FaceNets#EXPRESSION_BATCH} and {@link FaceNets#RECOGNITION_BATCH} faces); libtorch runs one intra-op thread per
 * call (TorchDefaults). Crop and resize are part of the timed work; decoding and detection are not. Prints faces/s
 * (wall clock) and the process CPU time per face per round, after one warm-up round per net; the CPU time, and the
 * throughput it implies on all cores, is the steadier figure when other work shares the machine.
 */
public final class FaceNetsBenchmark {

    private FaceNetsBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of("..", "shared", "data", "faces");
        int target = 432, rounds = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--faces" -> target = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> folder = Path.of(args[i]);
            }
        }
        List<FaceInImage> found = detectFaces(folder);
        if (found.isEmpty()) {
            System.err.println("no faces found in " + folder);
            System.exit(1);
        }
        List<FaceInImage> faces = new ArrayList<>(target);
        while (faces.size() < target) faces.addAll(found.subList(0, Math.min(found.size(), target - faces.size())));
        System.out.printf(Locale.ROOT, "%d faces (%d distinct, MTCNN on %s), %d thread(s), %d cores, %d / %d / %d faces "
                        + "a call (landmarks, expressions, recognition), libtorch intra-op threads %s%n", faces.size(), found.size(), folder, threads,
                Runtime.getRuntime().availableProcessors(), FaceNets.LANDMARK_BATCH, FaceNets.EXPRESSION_BATCH,
                FaceNets.RECOGNITION_BATCH,
                System.getProperty("ai.djl.pytorch.num_threads"));

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FaceNetModels models = FaceNetModels.load()) {
            List<FaceNets> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) perThread.add(new FaceNets(models));
            try {
                // the boxes face-api's pipeline gives the expression and recognition nets
                List<Landmarks68> landmarks = perThread.get(0).landmarks(faces);
                List<FaceInImage> aligned = new ArrayList<>(faces.size());
                List<FaceInImage> dlib = new ArrayList<>(faces.size());
                for (int i = 0; i < faces.size(); i++) {
                    aligned.add(new FaceInImage(faces.get(i).image(), landmarks.get(i).alignedBox()));
                    dlib.add(new FaceInImage(faces.get(i).image(), landmarks.get(i).descriptorBox()));
                }
                time("landmarks", faces, rounds, pool, perThread, FaceNets::landmarks);
                time("expressions", aligned, rounds, pool, perThread, FaceNets::expressions);
                time("descriptors", dlib, rounds, pool, perThread, FaceNets::descriptors);
            } finally {
                perThread.forEach(FaceNets::close);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One warm-up round, then {@code rounds} timed rounds of {@code net} over all faces, split between the threads. */
    private static void time(String what, List<FaceInImage> faces, int rounds, ExecutorService pool,
                             List<FaceNets> perThread, BiConsumer<FaceNets, List<FaceInImage>> net) throws Exception {
        for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime(), c0 = ProcessStats.cpuNanos();
            List<Future<?>> running = new ArrayList<>();
            int n = perThread.size();
            for (int t = 0; t < n; t++) {
                FaceNets nets = perThread.get(t);
                List<FaceInImage> share = faces.subList(t * faces.size() / n, (t + 1) * faces.size() / n);
                running.add(pool.submit(() -> net.accept(nets, share)));
            }
            for (Future<?> f : running) f.get();
            if (r < 0) continue;   // warm-up: every batch size once
            double s = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (ProcessStats.cpuNanos() - c0) / 1e6 / faces.size();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%-11s round %d: %.2f s, %.0f faces/s; CPU %.2f ms/face (= %.0f faces/s on "
                    + "%d free cores), RSS %s%n", what, r + 1, s, faces.size() / s, cpuMs, cores * 1000 / cpuMs, cores,
                    ProcessStats.residentSetSize());
        }
    }

    /** Every MTCNN face of every photo in the folder (sorted), decoded with the project's codec. */
    private static List<FaceInImage> detectFaces(Path folder) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted().toList();
        }
        ImageCodec codec = new ImageCodec();
        List<FaceInImage> faces = new ArrayList<>();
        try (MtcnnModels models = MtcnnModels.load(); MtcnnDetector detector = new MtcnnDetector(models)) {
            for (Path f : files) {
                RgbImage image = codec.decode(Files.readAllBytes(f));
                for (FaceDetection d : detector.detect(image)) faces.add(new FaceInImage(image, FaceBox.of(d)));
            }
        }
        return faces;
    }
}
