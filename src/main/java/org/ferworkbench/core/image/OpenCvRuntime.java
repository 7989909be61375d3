package org.ferworkbench.core.image;

/** Loads OpenCV's native library once per process (the openpnp jar carries natives for every OS). */
public final class OpenCvRuntime {
    private static volatile boolean loaded;

    private OpenCvRuntime() { }

    public static void ensureLoaded() {
        if (loaded) return;
        synchronized (OpenCvRuntime.class) {
            if (!loaded) {
                try {
                    nu.pattern.OpenCV.loadLocally();
                    // the tool parallelises across images; OpenCV's own threads on top of that only contend
                    org.opencv.core.Core.setNumThreads(1);
                } catch (Throwable e) {
                    throw new IllegalStateException("OpenCV native library could not be loaded: " + e.getMessage(), e);
                }
                loaded = true;
            }
        }
    }
}
