package org.ferworkbench.core.curation;

import org.ferworkbench.core.storage.AtomicFiles;

import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.settings.ConfigFiles;
import org.ferworkbench.core.settings.PrepareConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder where the workbench keeps what belongs to one dataset: review decisions (decisions.jsonl), the
 * pipeline settings (settings.json) and a cache of image checks (checks.jsonl). By default it sits beside the
 * dataset as {@code <dataset>.fer-workbench/}, where the user finds it; when that folder cannot be written it
 * lives under {@code <home>/workspaces/<dataset>-<hash>/}. The dataset itself is never written to.
 */
public final class Workspace {
    public static final String SUFFIX = ".fer-workbench";

    private final Path datasetRoot;
    private final Path folder;
    private final boolean besideDataset;

    private Workspace(Path datasetRoot, Path folder, boolean besideDataset) {
        this.datasetRoot = datasetRoot;
        this.folder = folder;
        this.besideDataset = besideDataset;
    }

    /**
     * Finds or creates the workspace of a dataset.
     *
     * @param home          the per-user folder (e.g. ~/.fer-workbench) used when the dataset's folder is read-only
     * @param besideAllowed false to always use the per-user folder (e.g. for shared, read-only data sets)
     */
    public static Workspace locate(Path datasetRoot, Path home, boolean besideAllowed) throws IOException {
        Path root = datasetRoot.toAbsolutePath().normalize();
        if (besideAllowed && root.getParent() != null) {
            // the dataset folder's name as bytes, so a name the locale cannot show still gets its own workspace
            Path beside = FileNames.sibling(root, "", SUFFIX);
            if (usable(beside)) return prepared(new Workspace(root, beside, true));
        }
        // hashed as display text: the same under every locale, and distinct for names the locale cannot show
        String hash = org.ferworkbench.core.read.SourceReader.sha256(FileNames.path(root).getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
        Path fallback = FileNames.child(home.toAbsolutePath().normalize().resolve("workspaces"), FileNames.of(root) + "-" + hash);
        if (!usable(fallback)) {
            throw new IOException("Cannot create a workspace for " + root + ": neither " + FileNames.of(root) + SUFFIX
                    + " beside it nor " + fallback + " can be written");
        }
        return prepared(new Workspace(root, fallback, false));
    }

    private static Workspace prepared(Workspace w) throws IOException {
        Path readme = w.folder.resolve("README.txt");
        if (!Files.exists(readme)) {
            String text = "FER Workbench workspace for the dataset " + FileNames.path(w.datasetRoot) + "\n\n"
                    + "decisions.jsonl  review decisions (accepted / rejected with a reason), one JSON line per change;\n"
                    + "                 the last line about an image wins. Rejected images are left out of exports.\n"
                    + "settings.json    the pipeline settings (same format as an export's config.json)\n"
                    + "checks.jsonl     cache of image checks (hash, size, faces found); safe to delete\n";
            AtomicFiles.write(readme, text.getBytes(StandardCharsets.UTF_8));
        }
        return w;
    }

    private static boolean usable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    public Path datasetRoot() {
        return datasetRoot;
    }

    public Path folder() {
        return folder;
    }

    public boolean isBesideDataset() {
        return besideDataset;
    }

    public Path decisionsFile() {
        return folder.resolve("decisions.jsonl");
    }

    public Path settingsFile() {
        return folder.resolve("settings.json");
    }

    public Path checksFile() {
        return folder.resolve("checks.jsonl");
    }

    /** The saved settings, or empty when none were saved yet. */
    public Optional<PrepareConfig> readSettings() throws IOException {
        if (!Files.exists(settingsFile())) return Optional.empty();
        return Optional.of(ConfigFiles.read(settingsFile()));
    }

    /** Which expression of the net each class stands for where its name is not the usual one ("class=expression" pairs). */
    public Path labelMapFile() {
        return folder.resolve("labels.txt");
    }

    /** The saved label map (as {@code stats --label-map} takes it), or empty when none was saved. */
    public Optional<String> readLabelMap() throws IOException {
        if (!Files.exists(labelMapFile())) return Optional.empty();
        return Optional.of(Files.readString(labelMapFile(), StandardCharsets.UTF_8).trim());
    }

    public void writeLabelMap(String pairs) throws IOException {
        AtomicFiles.write(labelMapFile(), (pairs.trim() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void writeSettings(PrepareConfig config) throws IOException {
        AtomicFiles.write(settingsFile(), (ConfigFiles.toJson(config) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
