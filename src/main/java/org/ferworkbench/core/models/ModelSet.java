package org.ferworkbench.core.models;

import ai.djl.MalformedModelException;
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
import java.util.Objects;
import java.util.Set;

/**
 * A set of TorchScript files that are loaded together (e.g. MTCNN's pnet.pt, rnet.pt, onet.pt), and the one rule for
 * where the app finds them, so every loader looks in the same places and explains a miss the same way.
 *
 * @param label what the files are, for messages ("MTCNN")
 * @param names the file names without ".pt", in loading order
 */
public record ModelSet(String label, List<String> names) {

    /** System property naming the models directory. */
    public static final String MODELS_DIR_PROPERTY = "fer.models.dir";

    public ModelSet {
        Objects.requireNonNull(label, "label");
        names = List.copyOf(names);
        if (names.isEmpty()) throw new IllegalArgumentException("a model set needs at least one file");
    }

    /** True when {@code dir} holds every file of the set. */
    public boolean isIn(Path dir) {
        for (String n : names) {
            if (!Files.isRegularFile(dir.resolve(n + ".pt"))) return false;
        }
        return true;
    }

    /**
     * Finds the models directory: the system property {@value #MODELS_DIR_PROPERTY}; else ./models in the working
     * directory; else ../models or models beside the jar (or classes directory) {@code anchor} was loaded from, or
     * the project's models/ two levels above target/classes.
     *
     * @throws IOException naming every path tried, when none holds the set's files
     */
    public Path locate(Class<?> anchor) throws IOException {
        String prop = System.getProperty(MODELS_DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Paths.get(prop).toAbsolutePath().normalize();
            if (isIn(p)) return p;
            throw new IOException(label + " models not found in " + p + " (set by -D" + MODELS_DIR_PROPERTY
                    + "); it must contain " + fileList(" and "));
        }
        Set<Path> tried = new LinkedHashSet<>();
        tried.add(Paths.get("models").toAbsolutePath().normalize());
        Path codeDir = codeLocation(anchor);
        if (codeDir != null) {
            tried.add(codeDir.resolve("../models").normalize());
            tried.add(codeDir.resolve("models").normalize());
            // running from target/classes or target/test-classes: the project's models/ is two levels up
            tried.add(codeDir.resolve("../../models").normalize());
        }
        for (Path p : tried) {
            if (isIn(p)) return p;
        }
        throw new IOException(label + " models (" + fileList(", ") + ") not found; tried " + tried
                + ". Set -D" + MODELS_DIR_PROPERTY + "=<dir>, or rebuild them with models/rebuild.sh");
    }

    /**
     * Loads every file of the set from {@code directory} through DJL's PyTorch engine, in {@link #names()} order.
     * On failure nothing stays loaded.
     */
    public List<ZooModel<NDList, NDList>> load(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        for (String n : names) {
            if (!Files.isRegularFile(dir.resolve(n + ".pt"))) {
                throw new IOException(label + " model file missing: " + dir.resolve(n + ".pt"));
            }
        }
        List<ZooModel<NDList, NDList>> loaded = new ArrayList<>(names.size());
        try {
            for (String n : names) {
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
            throw new IOException("cannot load the " + label + " models from " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(loaded);
    }

    /** "a.pt, b.pt" + lastSeparator + "c.pt". */
    private String fileList(String lastSeparator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(i == names.size() - 1 ? lastSeparator : ", ");
            b.append(names.get(i)).append(".pt");
        }
        return b.toString();
    }

    /** Directory containing the jar (or the classes directory) {@code anchor} was loaded from, or null. */
    private static Path codeLocation(Class<?> anchor) {
        try {
            CodeSource cs = anchor.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path p = Paths.get(cs.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
