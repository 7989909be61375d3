package org.ferworkbench.core.storage;

import java.nio.file.Path;

/**
 * Where the tool keeps per-user caches that can be rebuilt at any time (detections, native libraries):
 * {@code $XDG_CACHE_HOME/fer-workbench} when set, else {@code ~/.cache/fer-workbench}. The desktop launcher
 * (packaging/linux/launcher.sh) uses the same folder for its class-data archive.
 */
public final class UserCache {
    private UserCache() { }

    /** The cache's sub-folder {@code name} (not created here). */
    public static Path directory(String name) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fer-workbench").resolve(name);
    }
}
