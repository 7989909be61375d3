package org.ferworkbench.core.runtime;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.core.progress.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts the PyTorch engine (and, optionally, loads the MTCNN models) with progress, for the first start of an
 * installed application.
 *
 * <p>On its first load DJL copies libtorch (about 432 MB on Linux) out of the bundled {@code pytorch-native-cpu} jar
 * into its cache ({@code $DJL_CACHE_DIR/pytorch/<version>-<flavor>-<classifier>}, by default under
 * {@code ~/.djl.ai}), which takes seconds and offers no callback. This class reads the expected size from that jar,
 * watches DJL's temporary folder grow while the engine loads on the calling thread, and reports it as stage
 * {@link #STAGE_UNPACK} in bytes. Later starts find the libraries in the cache and skip that stage; the whole warm-up
 * then takes about a second.
 *
 * <p>Stages reported, in order ({@link ProgressEvent#stage()}; {@code done}/{@code total}):
 * <ol>
 *   <li>{@link #STAGE_UNPACK}: bytes copied / bytes to copy, with rate and seconds left (only when unpacking);</li>
 *   <li>{@link #STAGE_ENGINE}: 0/1 then 1/1;</li>
 *   <li>{@link #STAGE_MODELS}: 0/1 then 1/1 (only with {@code loadModels}).</li>
 * </ol>
 * Blocking: call it on a background thread. The listener is called from the calling thread and from a monitor
 * thread; front ends re-post to their own thread. Thread-safe (DJL loads the engine once per process).
 */
public final class EngineWarmup {
    public static final String STAGE_UNPACK = "Unpacking PyTorch native libraries (first start only)";
    public static final String STAGE_ENGINE = "Starting the PyTorch engine";
    public static final String STAGE_MODELS = "Loading the MTCNN face detector";

    private static final String ENGINE = "PyTorch";
    private static final long POLL_MILLIS = 150;

    private EngineWarmup() { }

    /** What the warm-up did. */
    public record Result(boolean unpacked, long unpackedBytes, double unpackSeconds, double engineSeconds,
                         double modelSeconds, String pytorchVersion, String djlVersion, Path nativeDirectory,
                         MtcnnModels models) { }

    /**
     * The libtorch bundled on the class path (from {@code native/lib/pytorch.properties} of the
     * {@code pytorch-native-*} jar), where DJL will put it, and its size.
     */
    public record NativeBundle(String version, String flavor, String classifier, long bytes, Path cacheDirectory) {
        /** True when DJL's cache already holds this libtorch and the JNI library: no unpacking at start. */
        public boolean unpacked() {
            return Files.isRegularFile(cacheDirectory.resolve(System.mapLibraryName("torch")))
                    && Files.isRegularFile(cacheDirectory.resolve(Engine.getDjlVersion() + "-" + System.mapLibraryName("djl_torch")));
        }
    }

    /**
     * The bundled libtorch, or null when no {@code pytorch-native-*} jar is on the class path (DJL would then try to
     * download libtorch, which fails offline).
     */
    public static NativeBundle bundledNative() {
        ClassLoader loader = loader();
        URL props = loader.getResource("native/lib/pytorch.properties");
        if (props == null) return null;
        Properties p = new Properties();
        try (InputStream in = props.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + props + ": " + e.getMessage(), e);
        }
        String version = p.getProperty("version", "");
        String flavor = p.getProperty("flavor", "cpu");
        String classifier = p.getProperty("classifier", "");
        long bytes = 0;
        for (String lib : p.getProperty("libraries", "").split(",")) {
            if (lib.isBlank()) continue;
            URL url = loader.getResource("pytorch/" + flavor + "/" + classifier + "/" + lib.trim());
            if (url == null) continue;
            try {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                long n = c.getContentLengthLong();
                if (n > 0) bytes += n;
            } catch (IOException e) {
                // size unknown: progress will be indeterminate for this file
            }
        }
        Path dir = Utils.getEngineCacheDir("pytorch").resolve(version + "-" + flavor + "-" + classifier);
        return new NativeBundle(version, flavor, classifier, bytes, dir);
    }

    /**
     * True when the next engine start has to unpack libtorch (a first start): show {@link #warmUp} as a progress
     * step then. Cheap (reads one small resource and checks two files).
     */
    public static boolean needsUnpacking() {
        NativeBundle b = bundledNative();
        return b != null && !b.unpacked();
    }

    /**
     * Starts the PyTorch engine, unpacking libtorch first if needed, then (with {@code loadModels}) loads the
     * process-wide MTCNN models ({@link MtcnnModels#shared()}), so the first detection does not wait.
     *
     * @throws IOException when the models are missing (checked first, before any unpacking) or cannot be loaded,
     *                     or when the engine cannot start (e.g. no bundled native library and no network)
     */
    public static Result warmUp(ProgressListener listener, boolean loadModels) throws IOException {
        // fail fast on missing models, and let MtcnnModels set its thread defaults before the engine reads them
        Path modelsDir = MtcnnModels.locateModelsDirectory();
        NativeBundle bundle = bundledNative();
        boolean unpack = bundle != null && !bundle.unpacked();
        long start = System.nanoTime();
        Engine engine;
        long unpackedBytes = 0;
        double unpackSeconds = 0;
        if (unpack) {
            Monitor monitor = new Monitor(bundle, listener);
            monitor.start();
            try {
                engine = startEngine();
            } finally {
                monitor.finish();
            }
            unpackedBytes = bundle.bytes();
            unpackSeconds = (System.nanoTime() - start) / 1e9;
            listener.onProgress(new ProgressEvent(STAGE_UNPACK, bundle.bytes(), bundle.bytes(),
                    bundle.bytes() / Math.max(1e-9, unpackSeconds), 0));
            listener.onProgress(new ProgressEvent(STAGE_ENGINE, 1, 1, 0, 0));
        } else {
            listener.onProgress(new ProgressEvent(STAGE_ENGINE, 0, 1, 0, -1));
            engine = startEngine();
            listener.onProgress(new ProgressEvent(STAGE_ENGINE, 1, 1, 0, 0));
        }
        double engineSeconds = (System.nanoTime() - start) / 1e9 - unpackSeconds;
        MtcnnModels models = null;
        double modelSeconds = 0;
        if (loadModels) {
            listener.onProgress(new ProgressEvent(STAGE_MODELS, 0, 1, 0, -1));
            long t = System.nanoTime();
            models = MtcnnModels.shared();
            modelSeconds = (System.nanoTime() - t) / 1e9;
            listener.onProgress(new ProgressEvent(STAGE_MODELS, 1, 1, 0, 0));
        }
        Path nativeDir = bundle == null ? null : bundle.cacheDirectory();
        return new Result(unpack, unpackedBytes, unpackSeconds, engineSeconds, modelSeconds, engine.getVersion(),
                Engine.getDjlVersion(), nativeDir, models);
    }

    private static Engine startEngine() throws IOException {
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            throw new IOException("the PyTorch engine cannot start: " + msg
                    + " (is the pytorch-native-cpu jar for this OS on the class path, and "
                    + Utils.getEngineCacheDir("pytorch") + " writable?)", e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : EngineWarmup.class.getClassLoader();
    }

    /** Reports the growth of DJL's temporary unpack folder(s) while the engine loads. */
    private static final class Monitor extends Thread {
        private final NativeBundle bundle;
        private final ProgressListener listener;
        private final AtomicBoolean done = new AtomicBoolean();
        private final long start = System.nanoTime();

        Monitor(NativeBundle bundle, ProgressListener listener) {
            super("fer-engine-unpack-monitor");
            setDaemon(true);
            this.bundle = bundle;
            this.listener = listener;
        }

        @Override
        public void run() {
            listener.onProgress(new ProgressEvent(STAGE_UNPACK, 0, bundle.bytes(), 0, -1));
            long last = -1;
            while (!done.get()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (done.get()) return;
                long n = Math.min(copiedBytes(), bundle.bytes() > 0 ? bundle.bytes() : Long.MAX_VALUE);
                if (n != last) {
                    last = n;
                    double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                    double rate = n / s;
                    double left = rate > 0 && bundle.bytes() > 0 ? Math.max(0, (bundle.bytes() - n) / rate) : -1;
                    listener.onProgress(new ProgressEvent(STAGE_UNPACK, n, bundle.bytes(), rate, left));
                }
            }
        }

        void finish() {
            done.set(true);
            interrupt();
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Bytes in DJL's tmp* folders beside the target (where it copies before a rename), or in the target. */
        private long copiedBytes() {
            Path parent = bundle.cacheDirectory().getParent();
            long sum = 0;
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, "tmp*")) {
                for (Path d : dirs) sum += size(d);
            } catch (IOException | RuntimeException e) {
                // not created yet, or renamed while listing
            }
            return Math.max(sum, size(bundle.cacheDirectory()));
        }

        private static long size(Path dir) {
            if (!Files.isDirectory(dir)) return 0;
            try (Stream<Path> files = Files.list(dir)) {
                return files.mapToLong(f -> {
                    try {
                        return Files.isRegularFile(f) ? Files.size(f) : 0;
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
