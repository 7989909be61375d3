package org.ferworkbench.core.face;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.ferworkbench.core.models.ModelSet;
import org.ferworkbench.core.models.TorchDefaults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The three MTCNN nets (TorchScript files pnet.pt, rnet.pt, onet.pt) loaded through DJL's PyTorch engine.
 *
 * <p>Threading: a loaded {@code MtcnnModels} may be shared by any number of threads; each thread must use its own
 * {@link Predictors} (DJL predictors are not thread-safe), which is what {@link MtcnnDetector} does. Load the models
 * once per process, e.g. with {@link #shared()}, and close them at the end (closing releases the native modules;
 * predictors created from them must not be used afterwards).
 *
 * <p>Loading this class applies {@link TorchDefaults} (one libtorch thread per call, offline, quiet start-up; use one
 * detector per core for parallelism). The engine reads these when it starts, so touch this class before anything
 * else starts DJL.
 */
public final class MtcnnModels implements AutoCloseable {

    /** System property naming the models directory. */
    public static final String MODELS_DIR_PROPERTY = ModelSet.MODELS_DIR_PROPERTY;

    static final ModelSet FILES = new ModelSet("MTCNN", List.of("pnet", "rnet", "onet"));

    static {
        TorchDefaults.apply();
    }

    private static MtcnnModels shared;

    private final Path directory;
    private final ZooModel<NDList, NDList> pnet;
    private final ZooModel<NDList, NDList> rnet;
    private final ZooModel<NDList, NDList> onet;

    private MtcnnModels(Path directory, ZooModel<NDList, NDList> pnet, ZooModel<NDList, NDList> rnet,
                        ZooModel<NDList, NDList> onet) {
        this.directory = directory;
        this.pnet = pnet;
        this.rnet = rnet;
        this.onet = onet;
    }

    /** Loads the nets from {@code directory}, which must hold pnet.pt, rnet.pt and onet.pt. */
    public static MtcnnModels load(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        List<ZooModel<NDList, NDList>> loaded = FILES.load(dir);
        return new MtcnnModels(dir, loaded.get(0), loaded.get(1), loaded.get(2));
    }

    /** Loads the nets from the directory found by {@link #locateModelsDirectory()}. */
    public static MtcnnModels load() throws IOException {
        return load(locateModelsDirectory());
    }

    /**
     * The process-wide instance, loaded on first use from {@link #locateModelsDirectory()}. Do not close it;
     * it lives until the JVM exits.
     */
    public static synchronized MtcnnModels shared() throws IOException {
        if (shared == null) {
            shared = load();
        }
        return shared;
    }

    /**
     * Finds the models directory: the system property {@value #MODELS_DIR_PROPERTY}; else ./models in the working
     * directory; else ../models or models beside the jar (or classes directory) this class was loaded from
     * ({@link ModelSet#locate}).
     *
     * @throws IOException naming every path tried, when none holds the three model files
     */
    public static Path locateModelsDirectory() throws IOException {
        return FILES.locate(MtcnnModels.class);
    }

    public Path directory() {
        return directory;
    }

    /** New predictors for one thread. Close them when the thread is done. */
    public Predictors newPredictors() {
        return new Predictors(pnet.newPredictor(), rnet.newPredictor(), onet.newPredictor());
    }

    @Override
    public void close() {
        synchronized (MtcnnModels.class) {
            if (shared == this) shared = null;
        }
        pnet.close();
        rnet.close();
        onet.close();
    }

    /** One thread's predictors for the three nets (not thread-safe). */
    public static final class Predictors implements AutoCloseable {
        final Predictor<NDList, NDList> pnet;
        final Predictor<NDList, NDList> rnet;
        final Predictor<NDList, NDList> onet;

        Predictors(Predictor<NDList, NDList> pnet, Predictor<NDList, NDList> rnet, Predictor<NDList, NDList> onet) {
            this.pnet = pnet;
            this.rnet = rnet;
            this.onet = onet;
        }

        @Override
        public void close() {
            pnet.close();
            rnet.close();
            onet.close();
        }
    }
}
