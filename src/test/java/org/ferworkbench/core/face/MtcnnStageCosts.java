package org.ferworkbench.core.face;

import org.ferworkbench.bench.DetectBenchmark;
import org.ferworkbench.core.face.MtcnnMath.Box;
import org.ferworkbench.core.face.MtcnnMath.Integral;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost model's MTCNN line (docs/benchmarks.md, issue 19): the CPU time of each stage of one detector on one thread,
 * per image and per crop, with the crops each stage gets. Images decoded beforehand, in batches of 32 (a read block's
 * shard, as BlockDetector cuts them); the first round warms up.
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/libs/*" -Dai.djl.offline=true \
 *     org.ferworkbench.core.face.MtcnnStageCosts FOLDER [--limit 1024] [--size 128] [--rounds 3]
 * </pre>
 */
public final class MtcnnStageCosts {
    private MtcnnStageCosts() { }

    public static void main(String[] args) throws Exception {
        Path folder = null;
        int limit = 1024, size = 128, rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> folder = Path.of(args[i]);
            }
        }
        if (folder == null) {
            System.err.println("usage: MtcnnStageCosts FOLDER [--limit N] [--size S] [--rounds R]");
            System.exit(2);
        }
        ImageCodec codec = new ImageCodec();
        ImageResizer resizer = new ImageResizer();
        List<RgbImage> images = new ArrayList<>();
        for (Path f : DetectBenchmark.pick(folder, limit)) images.add(DetectBenchmark.load(codec, resizer, f, size));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (MtcnnModels models = MtcnnModels.load(); MtcnnDetector detector = new MtcnnDetector(models)) {
            for (int round = 0; round <= rounds; round++) {
                long[] cpu = new long[3];
                long rCrops = 0, oCrops = 0, faces = 0;
                for (int from = 0; from < images.size(); from += 32) {
                    List<RgbImage> batch = images.subList(from, Math.min(images.size(), from + 32));
                    Integral[] integrals = new Integral[batch.size()];
                    for (int i = 0; i < batch.size(); i++) integrals[i] = Integral.of(batch.get(i));
                    long t0 = threads.getCurrentThreadCpuTime();
                    List<List<Box>> boxes = detector.pnetStage(batch, integrals);
                    long t1 = threads.getCurrentThreadCpuTime();
                    rCrops += boxes.stream().mapToInt(List::size).sum();
                    boxes = detector.refineStage(batch, integrals, boxes, false);
                    long t2 = threads.getCurrentThreadCpuTime();
                    oCrops += boxes.stream().mapToInt(List::size).sum();
                    boxes = detector.refineStage(batch, integrals, boxes, true);
                    long t3 = threads.getCurrentThreadCpuTime();
                    faces += boxes.stream().mapToInt(List::size).sum();
                    cpu[0] += t1 - t0;
                    cpu[1] += t2 - t1;
                    cpu[2] += t3 - t2;
                }
                int n = images.size();
                System.out.printf(Locale.ROOT, "%s: %d images %dx%d, %d faces; P-Net %.2f ms/image; R-Net %.1f crops/image, "
                                + "%.3f ms/crop, %.2f ms/image; O-Net %.2f crops/image, %.3f ms/crop, %.2f ms/image; "
                                + "total %.2f ms CPU per image%n", round == 0 ? "warm-up" : "round " + round, n, size, size,
                        faces, cpu[0] / 1e6 / n, rCrops / (double) n, cpu[1] / 1e6 / Math.max(1, rCrops), cpu[1] / 1e6 / n,
                        oCrops / (double) n, cpu[2] / 1e6 / Math.max(1, oCrops), cpu[2] / 1e6 / n,
                        (cpu[0] + cpu[1] + cpu[2]) / 1e6 / n);
            }
        }
    }
}
