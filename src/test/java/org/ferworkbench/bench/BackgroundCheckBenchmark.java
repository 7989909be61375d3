package org.ferworkbench.bench;

import org.ferworkbench.core.curation.ImageCheckStore;
import org.ferworkbench.core.curation.Pacer;
import org.ferworkbench.core.curation.WorkspaceReader;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.runtime.EngineWarmup;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.face.MtcnnFacePreviewService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The desktop app's background check (read, hash, detect) on an idle machine, as the workbench runs it (issue 19:
 * at least 80% of the detect command's rate), not a unit test:
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" -Dai.djl.offline=true \
 *     org.ferworkbench.bench.BackgroundCheckBenchmark &lt;dataset&gt; [all|one]
 * /usr/bin/time java -jar target/fer-workbench.jar detect &lt;dataset&gt; --json /tmp/d.json   # with an empty cache
 * </pre>
 * The workbench's own pieces: {@link MtcnnFacePreviewService} (its batch face stage, an empty detection cache in
 * memory) and {@link WorkspaceReader#checkAll} over every image of the dataset, the user idle ({@code all}: every core)
 * or busy ({@code one}: the calling thread alone). Prints images per second of the check, the engine's loading excluded.
 */
public final class BackgroundCheckBenchmark {
    private BackgroundCheckBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        boolean allCores = args.length < 2 || !args[1].equals("one");
        PrepareConfig config = PrepareConfig.DEFAULTS;
        MtcnnFacePreviewService faces = new MtcnnFacePreviewService(progress -> EngineWarmup.warmUp(progress, true),
                c -> FaceStages.standard(new DetectionCache(null)).apply(c));
        faces.start();
        while (faces.state() == FacePreviewService.State.LOADING) Thread.sleep(50);
        if (faces.state() != FacePreviewService.State.READY) throw new IllegalStateException(faces.stateMessage());
        Dataset dataset = new DatasetScanner().scan(root);
        Path dir = Files.createTempDirectory("check-bench");
        ImageCheckStore store = ImageCheckStore.open(dir.resolve("checks.jsonl"));
        String key = faces.detectorKey(config);
        WorkspaceReader.FaceFinder finder = new WorkspaceReader.FaceFinder() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public List<List<FaceDetection>> find(List<FaceRequest> images) throws Exception {
                return faces.detect(images, config, allCores);
            }
        };
        int[] faceCount = {0};
        long start = System.nanoTime();
        new WorkspaceReader(new SourceReader(new ImageCodec())).checkAll(dataset.samples(), store, finder,
                batch -> batch.forEach(c -> faceCount[0] += c.faces() == null ? 0 : c.faces().size()),
                ProgressListener.NONE, new Cancellation(), Pacer.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d images, %d faces, %s, %.1f s: %.1f images/s%n", root,
                dataset.samples().size(), faceCount[0], allCores ? "every core (user idle)" : "one core (user busy)",
                seconds, dataset.samples().size() / seconds);
        faces.close();
        store.close();
    }
}
