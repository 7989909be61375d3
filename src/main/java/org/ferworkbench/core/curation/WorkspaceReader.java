package org.ferworkbench.core.curation;

import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The workbench's reading of a dataset: every image read once with {@link SourceReader} (the same reading and
 * judging as prepare's) and, when a face finder is given, its faces found, in the background, so the workbench can show unreadable, no-face and several-face images and the review can step
 * through them. Results go to an {@link ImageCheckStore}; an image whose file size and modification time did not
 * change since its cached check (and whose faces were found by the same detector) is not read again.
 */
public final class WorkspaceReader {
    /** Decoded pixels held at once while faces are found in a batch: bounds memory whatever the image size. */
    private static final long BATCH_PIXELS = 24_000_000L;
    private static final int BATCH_IMAGES = 64;

    /** Finds faces in a batch of images (result i for request i; requests carry the source hash for caching). */
    public interface FaceFinder {
        /** Identifies detector and parameters: cached faces from another key are found again. */
        String key();

        List<List<FaceDetection>> find(List<FaceRequest> images) throws Exception;
    }

    private final SourceReader reader;

    public WorkspaceReader(SourceReader reader) {
        this.reader = reader;
    }

    /**
     * Checks the samples, reporting results in batches as they are done (cached ones first, all at once).
     *
     * @param finder null to only read and decode
     */
    public void checkAll(List<Sample> samples, ImageCheckStore store, FaceFinder finder, Consumer<List<ImageCheck>> onBatch,
                         ProgressListener listener, Cancellation cancellation) throws IOException {
        checkAll(samples, store, finder, onBatch, listener, cancellation, Pacer.NONE);
    }

    /** As above, giving way to the pacer between images (e.g. while the user scrolls). */
    public void checkAll(List<Sample> samples, ImageCheckStore store, FaceFinder finder, Consumer<List<ImageCheck>> onBatch,
                         ProgressListener listener, Cancellation cancellation, Pacer pacer) throws IOException {
        checkAll(samples, store, finder, null, onBatch, a -> { }, listener, cancellation, pacer);
    }

    /**
     * As above, and with {@code analyzer} each image's face analysed by the face-api nets as prepare analyses it (the
     * largest found face, or the whole image when {@code finder} is null), reported by relative path for the images
     * with a face. The analyses live in the analyzer's cache: a check that is still valid is read again only when its
     * image was never analysed. Pass an analyzer only for the face source it was made for (detector or whole image).
     */
    public void checkAll(List<Sample> samples, ImageCheckStore store, FaceFinder finder, SourceAnalyzer analyzer,
                         Consumer<List<ImageCheck>> onBatch, Consumer<Map<String, FaceAnalysis>> onAnalyses,
                         ProgressListener listener, Cancellation cancellation, Pacer pacer) throws IOException {
        String key = finder == null ? null : finder.key();
        ProgressTracker tracker = new ProgressTracker(finder == null ? "Checking images" : "Finding faces", samples.size(), listener);
        List<Sample> todo = new ArrayList<>();
        List<ImageCheck> cached = new ArrayList<>();
        Map<String, FaceAnalysis> cachedAnalyses = new HashMap<>();
        for (Sample s : samples) {
            cancellation.throwIfCancelled();
            ImageCheck c = store.get(s.relativePath());
            if (c != null && stillValid(c, s.file(), key) && analysed(c, analyzer, cachedAnalyses)) cached.add(c);
            else todo.add(s);
        }
        if (!cached.isEmpty()) {
            onBatch.accept(cached);
            if (!cachedAnalyses.isEmpty()) onAnalyses.accept(cachedAnalyses);
            tracker.advance(cached.size());
        }
        Flush out = new Flush(finder, analyzer, store, onBatch, onAnalyses, tracker, cancellation);
        List<ImageCheck> pending = new ArrayList<>();
        List<FaceRequest> pixels = new ArrayList<>();
        List<Integer> withPixels = new ArrayList<>();
        long heldPixels = 0;
        for (Sample s : todo) {
            cancellation.throwIfCancelled();
            try {
                pacer.yieldIfBusy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            Attrs attrs = attrs(s.file());
            SourceRead loaded = reader.read(s);
            ImageCheck check;
            if (loaded.failure() != null) {
                check = new ImageCheck(s.relativePath(), attrs.size, attrs.modified, null, 0, 0, loaded.failure().reason(), key,
                        key == null ? null : List.of(), null);
            } else {
                RgbImage image = loaded.image();
                check = new ImageCheck(s.relativePath(), attrs.size, attrs.modified, loaded.source().sha256(), image.width(),
                        image.height(), null, null, null, loaded.source().fingerprint());
                if (finder != null || analyzer != null) {
                    withPixels.add(pending.size());
                    pixels.add(new FaceRequest(image, loaded.source().sha256()));
                    heldPixels += (long) image.width() * image.height();
                }
            }
            pending.add(check);
            if (pending.size() >= BATCH_IMAGES || heldPixels >= BATCH_PIXELS) {
                out.flush(pending, pixels, withPixels);
                heldPixels = 0;
            }
        }
        out.flush(pending, pixels, withPixels);
        tracker.finish();
    }

    /** Whether the check's image needs no analysis, or has one cached (collected into {@code found} when it has a face). */
    private static boolean analysed(ImageCheck c, SourceAnalyzer analyzer, Map<String, FaceAnalysis> found) {
        if (analyzer == null || !c.readable()) return true;
        var entry = analyzer.cached(c.sha256());
        if (entry.isEmpty()) return false;
        if (entry.get().analysis() != null) found.put(c.relativePath(), entry.get().analysis());
        return true;
    }

    /** Ends a batch: faces found, faces analysed, checks stored and reported (and the batch lists cleared). */
    private record Flush(FaceFinder finder, SourceAnalyzer analyzer, ImageCheckStore store, Consumer<List<ImageCheck>> onBatch,
                         Consumer<Map<String, FaceAnalysis>> onAnalyses, ProgressTracker tracker, Cancellation cancellation) {
        void flush(List<ImageCheck> pending, List<FaceRequest> pixels, List<Integer> withPixels) throws IOException {
            if (pending.isEmpty()) return;
            if (finder != null && !pixels.isEmpty()) findFaces(pending, pixels, withPixels);
            if (analyzer != null && !pixels.isEmpty()) analyse(pending, pixels, withPixels);
            List<ImageCheck> batch = List.copyOf(pending);
            store.putAll(batch);
            onBatch.accept(batch);
            tracker.advance(batch.size());
            pending.clear();
            pixels.clear();
            withPixels.clear();
        }

        private void findFaces(List<ImageCheck> pending, List<FaceRequest> pixels, List<Integer> withPixels) throws IOException {
            List<List<FaceDetection>> found;
            try {
                found = finder.find(pixels);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("face detection failed: " + e.getMessage(), e);
            }
            for (int j = 0; j < withPixels.size(); j++) {
                int k = withPixels.get(j);
                pending.set(k, pending.get(k).withFaces(finder.key(), found.get(j)));
            }
        }

        private void analyse(List<ImageCheck> pending, List<FaceRequest> pixels, List<Integer> withPixels) {
            List<SourceAnalyzer.Source> sources = new ArrayList<>(pixels.size());
            for (int j = 0; j < withPixels.size(); j++) {
                ImageCheck c = pending.get(withPixels.get(j));
                sources.add(new SourceAnalyzer.Source(c.sha256(), pixels.get(j).image(), finder == null ? null : c.faces()));
            }
            List<FaceAnalysis> analyses = analyzer.analyse(sources, Parallel.inline(), cancellation);
            Map<String, FaceAnalysis> byPath = new HashMap<>();
            for (int j = 0; j < withPixels.size(); j++) {
                if (analyses.get(j) != null) byPath.put(pending.get(withPixels.get(j)).relativePath(), analyses.get(j));
            }
            if (!byPath.isEmpty()) onAnalyses.accept(byPath);
        }
    }

    private record Attrs(long size, long modified) { }

    private static Attrs attrs(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Attrs(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new Attrs(-1, -1);
        }
    }

    /** The cached check still describes the file, and has faces from the wanted detector (when one is wanted). */
    static boolean stillValid(ImageCheck c, Path file, String detectorKey) {
        Attrs a = attrs(file);
        if (a.size < 0 || a.size != c.fileSize() || a.modified != c.modifiedMillis()) return false;
        if (c.readable() && c.fingerprint() == null) return false;   // cached before fingerprints: read it again
        return detectorKey == null || Objects.equals(detectorKey, c.detector());
    }
}
