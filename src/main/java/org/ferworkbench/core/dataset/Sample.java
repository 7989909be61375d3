package org.ferworkbench.core.dataset;

import java.nio.file.Path;

/**
 * One source image of a dataset: its class, its label (index of the class in sorted order), its path relative
 * to the dataset root with '/' separators (stable across OSes, used as its identity), and its file.
 */
public record Sample(String className, int label, String relativePath, Path file) {
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
