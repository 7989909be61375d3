package org.ferworkbench.core.facenet;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.ferworkbench.core.models.ModelSet;
import org.ferworkbench.core.models.TorchDefaults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * face-api's landmark, recognition and expression nets (TorchScript files face_landmark_68.pt, face_recognition.pt,
 * face_expression.pt, converted by models/convert_faceapi.py) loaded through DJL's PyTorch engine, from the same
 * models directory as the MTCNN nets ({@link ModelSet#locate}).
 *
 * <p>Threading: a loaded {@code FaceNetModels} may be shared by any number of threads; each thread uses its own
 * {@link FaceNets} (DJL predictors are not thread-safe). The nets themselves are stateless (their weights are
 * dequantised on every call), so threads never wait for each other. Load once per process, e.g. with
 * {@link #shared()}, and close at the end; predictors created from closed models must not be used.
 *
 * <p>Loading this class applies {@link TorchDefaults}, like the MTCNN loader.
 */
public final class FaceNetModels implements AutoCloseable {

    static final ModelSet FILES = new ModelSet("face-api",
            List.of("face_landmark_68", "face_recognition", "face_expression"));

    static {
        TorchDefaults.apply();
    }

    private static FaceNetModels shared;

    private final Path directory;
    private final ZooModel<NDList, NDList> landmarks;
    private final ZooModel<NDList, NDList> recognition;
    private final ZooModel<NDList, NDList> expressions;

    private FaceNetModels(Path directory, List<ZooModel<NDList, NDList>> models) {
        this.directory = directory;
        this.landmarks = models.get(0);
        this.recognition = models.get(1);
        this.expressions = models.get(2);
    }

    /** Loads the nets from {@code directory}, which must hold the three .pt files. */
    public static FaceNetModels load(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        return new FaceNetModels(dir, FILES.load(dir));
    }

    /** Loads the nets from the directory found by {@link #locateModelsDirectory()}. */
    public static FaceNetModels load() throws IOException {
        return load(locateModelsDirectory());
    }

    /** The process-wide instance, loaded on first use. Do not close it; it lives until the JVM exits. */
    public static synchronized FaceNetModels shared() throws IOException {
        if (shared == null) {
            shared = load();
        }
        return shared;
    }

    /**
     * The models directory: -D{@value ModelSet#MODELS_DIR_PROPERTY}, else ./models, else models beside the jar or
     * classes directory, exactly as for the MTCNN nets.
     */
    public static Path locateModelsDirectory() throws IOException {
        return FILES.locate(FaceNetModels.class);
    }

    public Path directory() {
        return directory;
    }

    /** New predictors for one thread; {@link FaceNets} makes and closes its own. */
    Predictors newPredictors() {
        return new Predictors(landmarks.newPredictor(), recognition.newPredictor(), expressions.newPredictor());
    }

    @Override
    public void close() {
        synchronized (FaceNetModels.class) {
            if (shared == this) shared = null;
        }
        landmarks.close();
        recognition.close();
        expressions.close();
    }

    /** One thread's predictors for the three nets (not thread-safe). */
    static final class Predictors implements AutoCloseable {
        final Predictor<NDList, NDList> landmarks;
        final Predictor<NDList, NDList> recognition;
        final Predictor<NDList, NDList> expressions;

        Predictors(Predictor<NDList, NDList> landmarks, Predictor<NDList, NDList> recognition,
                   Predictor<NDList, NDList> expressions) {
            this.landmarks = landmarks;
            this.recognition = recognition;
            this.expressions = expressions;
        }

        @Override
        public void close() {
            landmarks.close();
            recognition.close();
            expressions.close();
        }
    }
}
