package org.ferworkbench.core.dataset;

import org.ferworkbench.core.image.ImageFormat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lists a folder-per-class dataset. Only the images directly inside a class folder belong to it; everything
 * else (stray files at the root, hidden files, non-images, nested folders, empty class folders) is listed as
 * skipped with a reason, never silently ignored. The scan does not decode: that is the reading stage's job.
 */
public final class DatasetScanner {

    public Dataset scan(Path root) throws DatasetException {
        if (root == null || !Files.exists(root)) {
            throw new DatasetException("Dataset folder does not exist: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Not a folder: " + root + " (choose the folder that holds one sub-folder per class)");
        }
        if (!Files.isReadable(root)) {
            throw new DatasetException("Dataset folder is not readable: " + root);
        }
        List<Entry> entries = list(root, root.toString());
        List<SkippedFile> skipped = new ArrayList<>();
        List<Entry> classDirs = new ArrayList<>();
        for (Entry entry : entries) {
            String name = entry.name();
            if (name.startsWith(".")) {
                skipped.add(new SkippedFile(name, "hidden " + (Files.isDirectory(entry.path()) ? "folder" : "file")));
            } else if (Files.isDirectory(entry.path())) {
                classDirs.add(entry);
            } else {
                skipped.add(new SkippedFile(name, "file at the dataset root, not inside a class folder"));
            }
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException("No class folders in " + root
                    + ": a dataset is a folder with one sub-folder of images per class (e.g. anger/, disgust/, ...)");
        }

        List<Sample> samples = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (Entry dir : classDirs) {
            String className = dir.name();
            List<Entry> images = new ArrayList<>();
            for (Entry file : list(dir.path(), className)) {
                String name = file.name();
                String rel = className + "/" + name;
                if (name.startsWith(".")) {
                    skipped.add(new SkippedFile(rel, "hidden file"));
                    continue;
                }
                // one stat per entry (following links, like reading the file will)
                BasicFileAttributes attrs = attributes(file.path());
                if (attrs != null && attrs.isDirectory()) {
                    skipped.add(new SkippedFile(rel, "folder nested inside class '" + className
                            + "' is not read (only images directly in a class folder count)"));
                } else if (!ImageFormat.hasImageExtension(name)) {
                    skipped.add(new SkippedFile(rel, "not an image file (" + extensionOf(name) + ")"));
                } else if (attrs == null || !attrs.isRegularFile()) {
                    skipped.add(new SkippedFile(rel, "not a regular file (broken link or device)"));
                } else {
                    images.add(file);
                }
            }
            if (images.isEmpty()) {
                skipped.add(new SkippedFile(className + "/", "class folder has no images: not used as a class"));
                continue;
            }
            int label = classNames.size();
            classNames.add(className);
            for (Entry image : images) {
                samples.add(new Sample(className, label, className + "/" + image.name(), image.path()));
            }
        }
        if (classNames.isEmpty()) {
            throw new DatasetException("No images found in the class folders of " + root
                    + hintForWrapperFolder(classDirs));
        }
        return new Dataset(root, classNames, samples, skipped);
    }

    /** A common mistake is to choose the folder above the dataset; say which folder looks right. */
    private static String hintForWrapperFolder(List<Entry> dirs) {
        if (dirs.size() == 1) {
            return " (did you mean " + dirs.get(0).path() + "?)";
        }
        return "";
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "no extension" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** Attributes of a path (links followed), or null when it cannot be read (e.g. a broken link). */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A folder entry: its display name ({@link FileNames}) and the path the listing gave, which keeps the name's
     * raw bytes; all I/O goes through the path, never through a path rebuilt from the name.
     */
    private record Entry(String name, Path path) { }

    /** A folder's entries sorted by display name (String order, the same on every OS and locale). */
    private static List<Entry> list(Path dir, String shownAs) throws DatasetException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                out.add(new Entry(FileNames.of(p), p));
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot list folder " + shownAs + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }
}
