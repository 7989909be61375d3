package org.ferworkbench.core.face;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The three MTCNN nets (TorchScript files pnet.pt, rnet.pt, onet.pt) loaded through DJL's PyTorch engine.
 *
 * <p>Threading: a loaded {@code MtcnnModels} may be shared by any number of threads; each thread must use its own
 * {@link Predictors} (DJL predictors are not thread-safe), which is what {@link MtcnnDetector} does. Load the models
 * once per process, e.g. with {@link #shared()}, and close them at the end (closing releases the native modules;
 * predictors created from them must not be used afterwards).
 *
 * <p>Unless set beforehand, loading this class sets {@code ai.djl.pytorch.num_threads=1} (and inter-op threads 1;
 * use one detector per core for parallelism) and {@code ai.djl.offline=true}, and quiets DJL's start-up logging.
 * The engine reads these when it starts, so touch this class before anything else starts DJL.
 */
public final class MtcnnModels implements AutoCloseable {

    /** System property naming the models directory. */
    public static final String MODELS_DIR_PROPERTY = "fer.models.dir";

    static final String[] NAMES = {"pnet", "rnet", "onet"};

    static {
        // "Failed to detect GPU count" is harmless on CPU-only machines; keep it out of the user's console.
        quietLogger("ai.djl.util.cuda.CudaUtils", "off");
        // engine start-up chatter ("Found matching platform", thread counts, graph optimizer) is not for users
        quietLogger("ai.djl.util.Platform", "warn");
        quietLogger("ai.djl.pytorch.engine.PtEngine", "warn");
        // One libtorch thread per net call, unless the user chose otherwise: parallelism comes from running one
        // detector per core. MTCNN's small convolutions gain little from intra-op threads, and OpenMP threads that
        // wait at barriers for a descheduled sibling made a shared 2-core machine up to 10x slower.
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // the engine and models ship with the app: a download attempt must fail clearly instead of hanging
        setIfAbsent("ai.djl.offline", "true");
        NativeHeapTuning.apply();
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
        for (String n : NAMES) {
            if (!Files.isRegularFile(dir.resolve(n + ".pt"))) {
                throw new IOException("MTCNN model file missing: " + dir.resolve(n + ".pt"));
            }
        }
        List<ZooModel<NDList, NDList>> loaded = new ArrayList<>(3);
        try {
            for (String n : NAMES) {
                Criteria<NDList, NDList> criteria = Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(dir)
                        .optModelName(n)
                        .optEngine("PyTorch")
                        .optTranslator(new NoopTranslator())
                        .build();
                loaded.add(criteria.loadModel());
            }
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            loaded.forEach(ZooModel::close);
            throw new IOException("cannot load the MTCNN models from " + dir + ": " + e.getMessage(), e);
        }
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
     * directory; else ../models or models beside the jar (or classes directory) this class was loaded from.
     *
     * @throws IOException naming every path tried, when none holds the three model files
     */
    public static Path locateModelsDirectory() throws IOException {
        Set<Path> tried = new LinkedHashSet<>();
        String prop = System.getProperty(MODELS_DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Paths.get(prop).toAbsolutePath().normalize();
            if (holdsModels(p)) return p;
            throw new IOException("MTCNN models not found in " + p + " (set by -D" + MODELS_DIR_PROPERTY
                    + "); it must contain pnet.pt, rnet.pt and onet.pt");
        }
        tried.add(Paths.get("models").toAbsolutePath().normalize());
        Path codeDir = codeLocation();
        if (codeDir != null) {
            tried.add(codeDir.resolve("../models").normalize());
            tried.add(codeDir.resolve("models").normalize());
            // running from target/classes or target/test-classes: the project's models/ is two levels up
            tried.add(codeDir.resolve("../../models").normalize());
        }
        for (Path p : tried) {
            if (holdsModels(p)) return p;
        }
        throw new IOException("MTCNN models (pnet.pt, rnet.pt, onet.pt) not found; tried " + tried
                + ". Set -D" + MODELS_DIR_PROPERTY + "=<dir>, or rebuild them with models/rebuild.sh");
    }

    private static boolean holdsModels(Path dir) {
        for (String n : NAMES) {
            if (!Files.isRegularFile(dir.resolve(n + ".pt"))) return false;
        }
        return true;
    }

    /** Directory containing the jar (or the classes directory) this class was loaded from, or null. */
    private static Path codeLocation() {
        try {
            CodeSource cs = MtcnnModels.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path p = Paths.get(cs.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static void quietLogger(String name, String level) {
        setIfAbsent("org.slf4j.simpleLogger.log." + name, level);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
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
