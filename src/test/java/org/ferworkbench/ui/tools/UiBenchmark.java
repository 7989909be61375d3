package org.ferworkbench.ui.tools;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.ferworkbench.bench.HeapMonitor;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.facestage.FaceStages;
import org.ferworkbench.ui.app.App;
import org.ferworkbench.ui.common.UiPreferences;
import org.ferworkbench.ui.app.Workbench;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.face.MtcnnFacePreviewService;
import org.ferworkbench.ui.main.WorkbenchViewModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.ferworkbench.ui.tools.FxScript.fx;
import static org.ferworkbench.ui.tools.FxScript.sleep;

/**
 * Fluidity of the real workbench on a large folder: time from "open" to the first thumbnails on screen, the longest
 * time the JavaFX thread was kept busy (pulse gaps and runLater probe delays), and the heap, while the grid is
 * scrolled from top to bottom through every class (with the background check, MTCNN included, running meanwhile).
 * Run by docs/benchmark-ui.sh under Xvfb.
 *
 * <p>Arguments: dataset folder [--no-faces] [--step-ms N].
 */
public final class UiBenchmark {
    private static Path dataset;
    private static boolean faces = true;
    private static long stepMillis = 16;
    private static boolean histogram;
    private static int maxClasses = Integer.MAX_VALUE;
    /** The JavaFX thread from the moment the window shows until the dataset views are built. */
    private static FxResponsiveness startup;

    private UiBenchmark() { }

    public static void main(String[] args) {
        dataset = Path.of(args[0]).toAbsolutePath().normalize();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--no-faces")) faces = false;
            if (args[i].equals("--step-ms")) stepMillis = Long.parseLong(args[++i]);
            if (args[i].equals("--histogram")) histogram = true;
            if (args[i].equals("--classes")) maxClasses = Integer.parseInt(args[++i]);
        }
        App.defaultSystemProperties();
        FxResponsiveness.prepare();
        Application.launch(Ui.class);
    }

    /** The application (nested: a main class extending Application fails on the class path). */
    public static final class Ui extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path home = Files.createTempDirectory("fer-bench-home");
            UiPreferences prefs = new UiPreferences();
            FacePreviewService faceService = faces
                    ? new MtcnnFacePreviewService(p -> MtcnnModels.shared(), FaceStages.standard(new DetectionCache(null)))
                    : FacePreviewService.unavailable("switched off for this run");
            Workbench w = Workbench.create(stage, new Workbench.Options(home, prefs, p -> false,
                    null, faceService, null, Throwable::printStackTrace), getHostServices());
            startup = new FxResponsiveness();
            startup.watch(stage.getScene());
            stage.show();
            org.ferworkbench.StartupLog.mark("window-shown");
            Thread script = new Thread(() -> {
                try {
                    run(w);
                } catch (Throwable e) {
                    e.printStackTrace();
                } finally {
                    Platform.runLater(() -> {
                        w.close();
                        Platform.exit();
                        try {
                            // the throw-away home (preferences, the workspace's checks and decisions)
                            org.ferworkbench.core.export.StagedFolder.deleteRecursively(home);
                        } catch (Exception e) {
                            System.err.println("could not delete " + home + ": " + e.getMessage());
                        }
                    });
                }
            }, "benchmark-script");
            script.setDaemon(true);
            script.start();
        }
    }

    private static void run(Workbench w) {
        WorkbenchViewModels vms = w.viewModels();
        // the dataset views are built after the window's first frame, one per event: these frames count too
        long shown = System.nanoTime();
        while (!fx(() -> w.view().viewsBuilt()) && System.nanoTime() - shown < 30e9) sleep(10);
        double built = (System.nanoTime() - shown) / 1e9;
        // and the warm-ups that follow (cells, grid and table filled with stand-ins behind the welcome page)
        while (!fx(w::startupDone) && System.nanoTime() - shown < 60e9) sleep(10);
        double done = (System.nanoTime() - shown) / 1e9;
        sleep(1500);   // the window settles; still measured: every pulse from show until the dataset is opened counts
        report(String.format(Locale.ROOT, "dataset views built %.2f s after the window was shown, warm-ups done after %.2f s", built, done));
        report("FX thread from show until just before the dataset is opened: " + startup.describe());
        if (histogram) report("stalls at start-up:" + startup.stallReport(8), "long pulses: " + startup.longPulses());
        try (HeapMonitor heap = new HeapMonitor(); FxResponsiveness fxThread = new FxResponsiveness()) {
            fx(() -> fxThread.watch(w.stage().getScene()));
            startup.close();
            sleep(300);
            fxThread.reset();
            long t0 = System.nanoTime();
            fx(() -> vms.main().openDataset(dataset));
            double scanned = -1;
            while (fx(() -> loadedThumbnails(w)) < 12) {
                if (scanned < 0 && fx(() -> vms.main().getSession() != null)) scanned = (System.nanoTime() - t0) / 1e9;
                if (System.nanoTime() - t0 > 60e9) throw new IllegalStateException("no thumbnails after 60 s");
                sleep(5);
            }
            double firstThumbs = (System.nanoTime() - t0) / 1e9;
            int images = fx(() -> vms.main().getSession().items().size());
            report(String.format(Locale.ROOT, "opened %,d images (scanned, workspace open after %.2f s); first 12 thumbnails on screen %.2f s after open",
                    images, scanned, firstThumbs));
            report("FX thread while opening: " + fxThread.describe());
            if (histogram) report("stalls while opening:" + fxThread.stallReport(8), "long pulses: " + fxThread.longPulses());

            List<String> classes = fx(() -> vms.main().getSession().dataset().classNames());
            classes = classes.subList(0, Math.min(classes.size(), maxClasses));
            long scrollStart = System.nanoTime();
            int pages = 0;
            long maxLive = 0;
            for (String c : classes) {
                fx(() -> vms.browser().selectedClassProperty().set(c));
                sleep(200);
                ScrollBar bar = fx(() -> verticalBar(w));
                int items = fx(() -> vms.browser().visibleItems().size());
                int perPage = fx(() -> Math.max(1, visibleCells(w)));
                int steps = Math.max(1, items / perPage);
                long classStart = System.nanoTime();
                for (int s = 0; s <= steps; s++) {
                    double v = s / (double) steps;
                    fx(() -> {
                        if (bar != null) bar.setValue(bar.getMin() + v * (bar.getMax() - bar.getMin()));
                    });
                    sleep(stepMillis);
                    pages++;
                }
                // the last page fully loaded
                long waitStart = System.nanoTime();
                while (fx(() -> loadedThumbnails(w) < visibleCells(w)) && System.nanoTime() - waitStart < 5e9) sleep(10);
                double took = (System.nanoTime() - classStart) / 1e9;
                double lastPage = (System.nanoTime() - waitStart) / 1e9;
                // the live set: the bytes of all objects still reachable (class histogram after a full collection)
                // (a collection can be skipped while native code holds the GC locker: the smallest of three counts)
                long live = Long.MAX_VALUE;
                for (int k = 0; k < 3; k++) {
                    long v = histogram(histogram && k == 0);
                    if (v > 0) live = Math.min(live, v);
                    sleep(100);
                }
                maxLive = Math.max(maxLive, live);
                report(String.format(Locale.ROOT, "class %-10s %,6d images: scrolled top to bottom in %d pages, %.1f s; last page loaded %.2f s later; live heap %.0f MB",
                        c, items, steps, took, lastPage, live / 1e6));
            }
            double scrollSeconds = (System.nanoTime() - scrollStart) / 1e9;
            report(String.format(Locale.ROOT, "scrolled %d pages in %.1f s; thumbnails decoded %,d, cached %,d",
                    pages, scrollSeconds, w.thumbnails().decodedCount(), fx(() -> w.thumbnails().cachedCount())));
            report(String.format(Locale.ROOT, "background check: %s", fx(() -> vms.main().backgroundTextProperty().get())));
            report("FX thread over the whole run: " + fxThread.describe());
            if (histogram) report("where the JavaFX thread was during stalls:" + fxThread.stallReport(12), "long pulses: " + fxThread.longPulses());
            System.gc();
            sleep(500);
            report(String.format(Locale.ROOT, "heap: peak used %.0f MB (sampled every 10 ms, garbage included), largest live set %.0f MB "
                            + "(reachable objects after a full collection, at the end of each class), -Xmx %.0f MB",
                    heap.peakUsedBytes() / 1e6, maxLive / 1e6, Runtime.getRuntime().maxMemory() / 1e6));
        }
    }

    /**
     * Total bytes of reachable objects, from the JVM's class histogram (which runs a full collection first);
     * with {@code print}, also the largest classes (to find what holds memory).
     */
    private static long histogram(boolean print) {
        try {
            Object out = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{null}, new String[]{String[].class.getName()});
            String[] lines = out.toString().split("\n");
            if (print) for (int i = 0; i < Math.min(14, lines.length); i++) report(lines[i]);
            for (String l : lines) {
                String t = l.trim();
                if (t.startsWith("Total")) return Long.parseLong(t.split("\\s+")[2]);
            }
        } catch (Exception e) {
            report("no histogram: " + e);
        }
        return -1;
    }

    /** Each line of each text with the prefix docs/benchmark-ui.sh keeps. */
    private static void report(String... texts) {
        for (String text : texts) {
            for (String line : text.split("\n")) System.out.println("[ui-benchmark] " + line);
        }
    }

    private static ScrollBar verticalBar(Workbench w) {
        for (Node n : w.view().root().lookupAll("#thumbnailGrid .scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL) return b;
        }
        return null;
    }

    // (the grid is looked up once per count: a scene-wide lookup per cell made the benchmark's own probes long frames)
    private static int visibleCells(Workbench w) {
        var viewport = gridBounds(w);
        int n = 0;
        for (Node c : w.view().root().lookupAll(".thumbnail-cell")) {
            if (c instanceof GridCell<?> g && g.getItem() != null && g.isVisible() && onScreen(g, viewport)) n++;
        }
        return n;
    }

    private static int loadedThumbnails(Workbench w) {
        var viewport = gridBounds(w);
        int n = 0;
        for (Node c : w.view().root().lookupAll(".thumbnail-cell")) {
            if (c instanceof GridCell<?> g && g.getItem() != null && g.isVisible() && onScreen(g, viewport)) {
                Node iv = g.lookup(".image-view");
                if (iv instanceof ImageView view && view.getImage() != null) n++;
            }
        }
        return n;
    }

    private static javafx.geometry.Bounds gridBounds(Workbench w) {
        Node grid = w.view().root().lookup("#thumbnailGrid");
        return grid == null ? null : grid.localToScene(grid.getBoundsInLocal());
    }

    /** Within the grid's viewport (the virtual flow keeps a few cells just outside it). */
    private static boolean onScreen(GridCell<?> cell, javafx.geometry.Bounds g) {
        if (g == null) return false;
        var b = cell.localToScene(cell.getBoundsInLocal());
        return b.getMinY() >= g.getMinY() - 1 && b.getMaxY() <= g.getMaxY() + 1;
    }
}
