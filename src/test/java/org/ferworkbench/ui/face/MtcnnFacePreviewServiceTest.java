package org.ferworkbench.ui.face;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.runtime.EngineWarmup;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench's background check finds faces on every core while the user is idle and on its own thread while they
 * are busy (issue 19): both give the same faces, to the last bit, for real photos, as the export's detector does.
 */
class MtcnnFacePreviewServiceTest {
    @Test
    void facesOnEveryCoreEqualFacesOnOneThread() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "pnet.pt")), "skipped: models/ not built");
        ImageCodec codec = new ImageCodec();
        List<FaceRequest> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mux.resolve("anger"))) {
            for (Path p : files.filter(Files::isRegularFile).sorted().limit(48).toList()) {
                images.add(new FaceRequest(codec.decode(Files.readAllBytes(p)), null));
            }
        }
        PrepareConfig config = PrepareConfig.DEFAULTS;
        List<List<List<FaceDetection>>> runs = new ArrayList<>();
        for (boolean allCores : new boolean[]{true, false}) {
            // a service of its own each time, with an empty cache: nothing found once is looked up the second time
            MtcnnFacePreviewService faces = new MtcnnFacePreviewService(progress -> EngineWarmup.warmUp(progress, true),
                    c -> FaceStages.standard(new DetectionCache(null)).apply(c));
            try {
                faces.start();
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (faces.state() == FacePreviewService.State.LOADING && System.nanoTime() < deadline) Thread.sleep(50);
                assertThat(faces.state()).as(faces.stateMessage()).isEqualTo(FacePreviewService.State.READY);
                runs.add(faces.detect(images, config, allCores));
            } finally {
                faces.close();
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(0).stream().mapToInt(List::size).sum()).as("faces found").isGreaterThan(40);
    }
}
