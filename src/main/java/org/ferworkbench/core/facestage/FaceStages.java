package org.ferworkbench.core.facestage;

import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;

import java.io.IOException;
import java.util.function.Function;

/** Chooses the face stage for a config: whole images when detection is off, else MTCNN + alignment. */
public final class FaceStages {
    private FaceStages() { }

    /** MTCNN models are loaded once per process, on the first export that needs them. */
    public static Function<PrepareConfig, FaceStage> standard(DetectionCache cache) {
        return config -> {
            if (!config.detectFaces()) return FaceStage.WHOLE_IMAGE;
            MtcnnModels models;
            try {
                models = MtcnnModels.shared();
            } catch (IOException e) {
                throw new IllegalStateException("Face detection needs the MTCNN models (" + e.getMessage()
                        + "); use --no-detect for datasets that are already cropped");
            }
            FaceOptions face = config.face();
            Landmark68Eyes eyes = null;
            if (face.alignment().needsLandmarks68()) {
                try {
                    eyes = new Landmark68Eyes(org.ferworkbench.core.facenet.FaceNetModels.shared());
                } catch (IOException e) {
                    throw new IllegalStateException("Alignment eyes68 needs the 68-point landmark model (" + e.getMessage()
                            + "); use --align eyes");
                }
            }
            return new MtcnnFaceStage(face.detector(), () -> new MtcnnDetector(models, face.detector()),
                    new FaceAligner(face.alignment(), face.cropFill()), cache, face, eyes);
        };
    }
}
