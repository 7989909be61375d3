package org.ferworkbench.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads OpenCV's native library once per process (the openpnp jar carries natives for every OS).
 *
 * <p>openpnp's own loader copies the 65 MB library into a new temporary folder on every start (0.3-0.4 s of each
 * command's start-up here, and a folder left behind whenever the process is killed). This class copies it once into
 * the user's cache ({@code ~/.cache/fer-workbench/native}, or {@code $XDG_CACHE_HOME}), in a folder named after the
 * library and its size, atomically (temporary file, then rename), and loads it from there; later starts only load
 * it. Where that is not possible (an unknown platform, a read-only home) it falls back to openpnp's loader.
 */
public final class OpenCvRuntime {
    /** The OpenCV version of the openpnp jar, as it appears in the library's name. */
    private static final String LIBRARY = "opencv_java490";
    private static volatile boolean loaded;

    private OpenCvRuntime() { }

    public static void ensureLoaded() {
        if (loaded) return;
        synchronized (OpenCvRuntime.class) {
            if (!loaded) {
                try {
                    if (!loadCached()) nu.pattern.OpenCV.loadLocally();
                    // the tool parallelises across images; OpenCV's own threads on top of that only contend
                    org.opencv.core.Core.setNumThreads(1);
                } catch (Throwable e) {
                    throw new IllegalStateException("OpenCV native library could not be loaded: " + e.getMessage(), e);
                }
                loaded = true;
            }
        }
    }

    private static boolean loadCached() {
        Path cached = cachedLibrary(defaultCacheDirectory());
        if (cached == null) return false;
        try {
            System.load(cached.toString());
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;   // e.g. a cache on a noexec mount: openpnp's temporary copy may still load
        }
    }

    /** ~/.cache/fer-workbench/native (or $XDG_CACHE_HOME/fer-workbench/native). */
    static Path defaultCacheDirectory() {
        return org.ferworkbench.core.storage.UserCache.directory("native");
    }

    /**
     * The bundled library copied into {@code cacheDirectory} (copied now if it is not there yet), or null when this
     * platform's library is not in the jar or cannot be copied.
     */
    static Path cachedLibrary(Path cacheDirectory) {
        String resource = bundledResource();
        URL url = resource == null ? null : OpenCvRuntime.class.getResource(resource);
        if (url == null) return null;
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            Path dir = cacheDirectory.resolve(name + "-" + size);
            Path target = dir.resolve(name);
            if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) return target;
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (size > 0 && Files.size(tmp) != size) throw new IOException("short copy of " + resource);
                // another process may have put it there meanwhile: same bytes, so replacing is fine
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where the openpnp jar keeps this platform's library, or null for a platform it has none for. */
    static String bundledResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String dirArch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "ARMv8";
            default -> null;
        };
        String dirOs = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("windows") ? "windows" : null;
        if (dirArch == null || dirOs == null) return null;
        return "/nu/pattern/opencv/" + dirOs + "/" + dirArch + "/" + System.mapLibraryName(LIBRARY);
    }
}
