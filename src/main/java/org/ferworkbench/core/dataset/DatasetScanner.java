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
 * skipped with a reason, never silently ignored. The scan does not decode: that is the inspection stage's job.
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
        List<String> entries = list(root, root);
        List<SkippedFile> skipped = new ArrayList<>();
        List<Path> classDirs = new ArrayList<>();
        for (String name : entries) {
            Path entry = root.resolve(name);
            if (name.startsWith(".")) {
                skipped.add(new SkippedFile(name, "hidden " + (Files.isDirectory(entry) ? "folder" : "file")));
            } else if (Files.isDirectory(entry)) {
                classDirs.add(entry);
            } else {
                skipped.add(new SkippedFile(name, "file at the dataset root, not inside a class folder"));
            }
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException("No class folders in " + root
                    + ": a dataset is a folder with one sub-folder of images per class (e.g. anger/, disgust/, ...)");
        }

        List<String> classNames = new ArrayList<>();
        List<List<String>> filesPerClass = new ArrayList<>();
        for (Path dir : classDirs) {
            String className = dir.getFileName().toString();
            List<String> images = new ArrayList<>();
            for (String name : list(dir, root)) {
                String rel = className + "/" + name;
                if (name.startsWith(".")) {
                    skipped.add(new SkippedFile(rel, "hidden file"));
                    continue;
                }
                // one stat per entry (following links, like reading the file will)
                BasicFileAttributes attrs = attributes(dir.resolve(name));
                if (attrs != null && attrs.isDirectory()) {
                    skipped.add(new SkippedFile(rel, "folder nested inside class '" + className
                            + "' is not read (only images directly in a class folder count)"));
                } else if (!ImageFormat.hasImageExtension(name)) {
                    skipped.add(new SkippedFile(rel, "not an image file (" + extensionOf(name) + ")"));
                } else if (attrs == null || !attrs.isRegularFile()) {
                    skipped.add(new SkippedFile(rel, "not a regular file (broken link or device)"));
                } else {
                    images.add(name);
                }
            }
            if (images.isEmpty()) {
                skipped.add(new SkippedFile(className + "/", "class folder has no images: not used as a class"));
                continue;
            }
            classNames.add(className);
            filesPerClass.add(images);
        }
        if (classNames.isEmpty()) {
            throw new DatasetException("No images found in the class folders of " + root + hintForWrapperFolder(classDirs, root));
        }
        List<Sample> samples = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            String className = classNames.get(label);
            Path dir = root.resolve(className);
            for (String name : filesPerClass.get(label)) {
                samples.add(new Sample(className, label, className + "/" + name, dir.resolve(name)));
            }
        }
        return new Dataset(root, classNames, samples, skipped);
    }

    /** A common mistake is to choose the folder above the dataset; say which folder looks right. */
    private static String hintForWrapperFolder(List<Path> dirs, Path root) {
        if (dirs.size() == 1) {
            return " (did you mean " + dirs.get(0) + "?)";
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

    /** Names of a folder's entries sorted by code point order (the same on every OS and locale). */
    private static List<String> list(Path dir, Path root) throws DatasetException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot list folder " + root.relativize(dir) + ": " + e.getMessage());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
