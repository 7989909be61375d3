package org.ferworkbench.bench;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.facestage.FaceOutcome;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * How often the aligned square reaches past the image, and what each {@code --crop-fill} then does to the crop, for
 * docs/alignment.md ("Crop fill"). Not a unit test:
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.CropFillSurvey \
 *     /tmp/fer128-3k ../shared/data/muxspace_fer6 [--align eyes68|eyes|similarity] [--examples DIR]
 * </pre>
 * Each folder is a dataset (class folders); one that is missing is skipped, saying so. The pipeline's own face stage
 * (the default settings: MTCNN's defaults, eyes68 alignment unless --align says otherwise, the test policy, which
 * keeps each image's largest face) cuts every image's face once per fill. Detections go to the user's detection
 * cache, so a second survey of the same data runs no MTCNN. Printed per folder: the share of chosen squares that
 * reach past the image; for those, the share of the crop that edge and black fill (mean, median, p95, max); and the
 * side clip leaves, as a share of the full side (mean, median, p5, min), also over every face. With --examples, the
 * first eight such crops of each folder are written to DIR as PNGs, one per fill, to look at.
 */
public final class CropFillSurvey {
    private static final int BLOCK = 256;
    private static final int EXAMPLES = 8;
    private static Path examples;

    private CropFillSurvey() { }

    public static void main(String[] args) throws Exception {
        List<Path> folders = new ArrayList<>();
        AlignmentMethod align = PrepareConfig.DEFAULTS.face().alignment();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--align")) align = AlignmentMethod.valueOf(args[++i].toUpperCase(Locale.ROOT));
            else if (args[i].equals("--examples")) examples = Files.createDirectories(Path.of(args[++i]));
            else folders.add(Path.of(args[i]));
        }
        if (folders.isEmpty()) {
            System.err.println("usage: CropFillSurvey FOLDER... [--align eyes68|eyes|similarity] [--examples DIR]");
            System.exit(2);
        }
        DetectionCache cache = new DetectionCache(DetectionCache.defaultDirectory());
        Function<PrepareConfig, FaceStage> stages = FaceStages.standard(cache);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Parallel.daemonPool("crop-fill-survey", threads);
        Parallel workers = new Parallel(pool, threads);
        Map<CropFill, FaceStage> byFill = new EnumMap<>(CropFill.class);
        try {
            for (CropFill fill : CropFill.values()) {
                PrepareConfig c = PrepareConfig.DEFAULTS.withFace(PrepareConfig.DEFAULTS.face().withAlignment(align).withCropFill(fill));
                byFill.put(fill, stages.apply(c));
            }
            for (Path folder : folders) {
                if (!Files.isDirectory(folder)) {
                    System.out.printf(Locale.ROOT, "%s: skipped, no such folder (data absent on this machine)%n", folder);
                    continue;
                }
                survey(folder, align, byFill, workers);
            }
        } finally {
            byFill.values().forEach(FaceStage::close);
            pool.shutdownNow();
        }
    }

    private static void survey(Path folder, AlignmentMethod align, Map<CropFill, FaceStage> byFill, Parallel workers)
            throws Exception {
        Dataset dataset = new DatasetScanner().scan(folder);
        SourceReader reader = new SourceReader(new ImageCodec());
        List<Double> filled = new ArrayList<>(), sideRatioOutside = new ArrayList<>(), sideRatioAll = new ArrayList<>();
        int faces = 0, noFace = 0, unreadable = 0, outside = 0;
        double fillDisagreement = 0;
        long start = System.nanoTime();
        List<Sample> samples = dataset.samples();
        for (int from = 0; from < samples.size(); from += BLOCK) {
            List<FaceRequest> block = new ArrayList<>();
            for (Sample s : samples.subList(from, Math.min(samples.size(), from + BLOCK))) {
                SourceRead r = reader.readPixels(s);
                if (r.failure() != null) unreadable++;
                else block.add(r.faceRequest());
            }
            Map<CropFill, List<FaceOutcome>> out = new EnumMap<>(CropFill.class);
            for (CropFill fill : CropFill.values()) out.put(fill, byFill.get(fill).locate(block, SplitName.TEST, workers));
            for (int i = 0; i < block.size(); i++) {
                FaceOutcome edge = out.get(CropFill.EDGE).get(i);
                if (!edge.accepted()) {
                    noFace++;
                    continue;
                }
                faces++;
                CropGeometry e = edge.crop(), b = out.get(CropFill.BLACK).get(i).crop(), c = out.get(CropFill.CLIP).get(i).crop();
                fillDisagreement = Math.max(fillDisagreement, Math.abs(e.outsideFraction() - b.outsideFraction()));
                double ratio = c.side() / (double) c.fullSide();
                sideRatioAll.add(ratio);
                if (e.outsideFraction() > 0) {
                    if (examples != null && outside < EXAMPLES) {
                        for (CropFill fill : CropFill.values()) {
                            Files.write(examples.resolve(String.format(Locale.ROOT, "%s_%d_%s.png", folder.getFileName(), outside,
                                    fill.name().toLowerCase(Locale.ROOT))), new ImageCodec().encodePng(out.get(fill).get(i).face()));
                        }
                    }
                    outside++;
                    filled.add(e.outsideFraction());
                    sideRatioOutside.add(ratio);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s, %s alignment, largest face: %d faces (%d images without a face, %d unreadable), %.0f s%n",
                folder, align.name().toLowerCase(Locale.ROOT), faces, noFace, unreadable, seconds);
        System.out.printf(Locale.ROOT, "  squares reaching past the image          %d of %d (%.1f%%)%n", outside, faces,
                100.0 * outside / Math.max(1, faces));
        if (outside > 0) {
            print("edge/black: share of such a crop filled (%)", filled, 100, false);
            print("clip: side / full side, such crops (%)", sideRatioOutside, 100, true);
        }
        if (faces > 0) print("clip: side / full side, every face (%)", sideRatioAll, 100, true);
        System.out.printf(Locale.ROOT, "  (edge and black filled shares agree to %.1e)%n", fillDisagreement);
    }

    /** Mean, median and the tail: the upper one (p95, max) or, for {@code low}, the lower one (p5, min). */
    private static void print(String what, List<Double> values, double factor, boolean low) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (low) {
            System.out.printf(Locale.ROOT, "  %-42s mean %5.1f  median %5.1f  p5 %5.1f  min %5.1f%n", what, factor * mean,
                    factor * q(v, 0.5), factor * q(v, 0.05), factor * v.get(0));
        } else {
            System.out.printf(Locale.ROOT, "  %-42s mean %5.1f  median %5.1f  p95 %5.1f  max %5.1f%n", what, factor * mean,
                    factor * q(v, 0.5), factor * q(v, 0.95), factor * v.get(v.size() - 1));
        }
    }

    private static double q(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1))));
    }
}
