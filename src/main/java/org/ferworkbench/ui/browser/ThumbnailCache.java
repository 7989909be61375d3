package org.ferworkbench.ui.browser;

import javafx.application.Platform;
import javafx.scene.image.Image;
import org.ferworkbench.core.dataset.Sample;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.OpenCvRuntime;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Thumbnails decoded on background threads and kept in a bounded least-recently-used cache (memory stays flat
 * however many images are scrolled through). Requests are served newest first, so the cells on screen after fast
 * scrolling load before the ones scrolled past, and a cell that is reused cancels its old request. Large files
 * are decoded at reduced resolution (JPEG DCT scaling). The cache itself is touched on the JavaFX thread only.
 */
public final class ThumbnailCache {
    /** A pending request; cancel it when the cell shows another image. */
    public static final class Ticket {
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
        }
    }

    private final int size;
    private final int maxEntries;
    private final ThreadPoolExecutor decoders;
    private final Map<String, Image> cache;
    private final AtomicLong decoded = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<Done> done = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** OpenCV is loaded by the first decode (or {@link #loadDecoder()}), on a decoder thread, never here. */
    public ThumbnailCache(int size, int maxEntries, int threads) {
        this.size = size;
        this.maxEntries = maxEntries;
        this.cache = new LinkedHashMap<>(maxEntries * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
                return size() > ThumbnailCache.this.maxEntries;
            }
        };
        AtomicInteger n = new AtomicInteger();
        // a LIFO queue: offer() puts new requests first
        LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        this.decoders = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "thumbnail-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public int size() {
        return size;
    }

    /** Loads the decoder (OpenCV's native library, about half a second) on a decoder thread, ahead of the first request. */
    public void loadDecoder() {
        try {
            decoders.execute(OpenCvRuntime::ensureLoaded);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** A cached thumbnail, or null (JavaFX thread). */
    public Image cached(String relativePath) {
        return cache.get(relativePath);
    }

    /** Decodes a thumbnail in the background and hands it (null when unreadable) to the callback on the JavaFX thread. */
    public Ticket request(Sample sample, Consumer<Image> onLoaded) {
        Ticket ticket = new Ticket();
        if (decoders.isShutdown()) return ticket;   // the window is closing
        try {
            decoders.execute(() -> {
                if (ticket.cancelled) return;
                Image image = decode(sample);
                done.add(new Done(sample.relativePath(), image, ticket, onLoaded));
                // one hand-over to the JavaFX thread for all thumbnails finished meanwhile, not one per thumbnail
                if (drainQueued.compareAndSet(false, true)) Platform.runLater(this::drain);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ticket.cancel();   // closed meanwhile
        }
        return ticket;
    }

    private record Done(String path, Image image, Ticket ticket, Consumer<Image> onLoaded) { }

    private void drain() {
        drainQueued.set(false);
        Done d;
        while ((d = done.poll()) != null) {
            if (d.image() != null) cache.put(d.path(), d.image());
            if (!d.ticket().cancelled) d.onLoaded().accept(d.image());
        }
    }

    /** Thumbnails decoded so far (for the benchmark). */
    public long decodedCount() {
        return decoded.get();
    }

    public int cachedCount() {
        return cache.size();
    }

    /**
     * Reads and decodes in OpenCV (through the codec, so a decompression bomb is refused from its header and large
     * photos wait for the shared decode budget), scales there (area averaging), and copies the BGRA pixels straight
     * into the JavaFX image: no intermediate arrays, little garbage for the collector while scrolling fast.
     */
    private Image decode(Sample sample) {
        ImageCodec codec;
        try {
            codec = new ImageCodec();
        } catch (IllegalStateException e) {
            return null;   // no decoder: every thumbnail shows as unreadable
        }
        try {
            byte[] bytes = Files.readAllBytes(sample.file());
            int flag = bytes.length > 2_000_000 ? Imgcodecs.IMREAD_REDUCED_COLOR_8
                    : bytes.length > 600_000 ? Imgcodecs.IMREAD_REDUCED_COLOR_4
                    : bytes.length > 200_000 ? Imgcodecs.IMREAD_REDUCED_COLOR_2 : Imgcodecs.IMREAD_COLOR;
            Image image = codec.decode(bytes, flag, this::thumbnail);
            decoded.incrementAndGet();
            return image;
        } catch (Exception | OutOfMemoryError e) {
            return null;
        }
    }

    private Image thumbnail(Mat bgr) {
        Mat small = new Mat();
        Mat bgra = new Mat();
        try {
            double scale = Math.min(1.0, size / (double) Math.max(bgr.cols(), bgr.rows()));
            int w = Math.max(1, (int) Math.round(bgr.cols() * scale));
            int h = Math.max(1, (int) Math.round(bgr.rows() * scale));
            Mat src = bgr;
            if (scale < 1) {
                Imgproc.resize(bgr, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
                src = small;
            }
            Imgproc.cvtColor(src, bgra, Imgproc.COLOR_BGR2BGRA);
            byte[] pixels = new byte[w * h * 4];
            bgra.get(0, 0, pixels);
            WritableImage image = new WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteBgraPreInstance(), pixels, 0, w * 4);
            return image;
        } finally {
            small.release();
            bgra.release();
        }
    }

    public void shutdown() {
        decoders.shutdownNow();
    }
}
