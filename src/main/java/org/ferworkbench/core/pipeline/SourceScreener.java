package org.ferworkbench.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Detects the faces of sources while they are read (a {@link SourceInspector.BlockListener}) and keeps the faces
 * found in each (the planner judges them by each split's policy); the detections are cached by the face stage, so test images and re-exports reuse
 * them. While the face stage is still loading (libtorch and the models: about a second in a fresh process) blocks
 * are held back, up to {@link #READ_AHEAD_BYTES} of pixels, so reading goes on meanwhile; they are screened as soon
 * as the stage is there.
 *
 * <p>The read-ahead is sized to last about as long as the load: while libtorch loads, the two workers decode about
 * 64 MB of 128x128 images (1,300) in half a second; with a 64 MB cap they then waited idle for the rest of the load.
 * More is not free either: the held-back images are copied by every young collection while they wait (with 192 MB,
 * the collector then used up to 0.8 of a core). 128 MB (2,700 such images) and at most an eighth of the heap.
 */
final class SourceScreener implements SourceInspector.BlockListener {
    static final long READ_AHEAD_BYTES = Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final Future<FaceStage> loading;
    private final Supplier<FaceStage> stage;
    private final Parallel parallel;
    /** Faces per source (null values when the stage does not detect). */
    private final Map<SourceImage, List<org.ferworkbench.core.face.FaceDetection>> faces = new HashMap<>();
    private final List<List<SourceInspector.LoadedSource>> heldBack = new ArrayList<>();
    private final long readAheadBytes;
    private long heldBackBytes;

    /**
     * @param loading tells whether the stage has loaded; {@code stage} then returns it (or throws the loader's
     *                failure) without waiting
     */
    SourceScreener(Future<FaceStage> loading, Supplier<FaceStage> stage, Parallel parallel) {
        this(loading, stage, parallel, READ_AHEAD_BYTES);
    }

    SourceScreener(Future<FaceStage> loading, Supplier<FaceStage> stage, Parallel parallel, long readAheadBytes) {
        this.loading = loading;
        this.stage = stage;
        this.parallel = parallel;
        this.readAheadBytes = readAheadBytes;
    }

    @Override
    public int block(List<SourceInspector.LoadedSource> loaded) {
        long bytes = 0;
        for (SourceInspector.LoadedSource l : loaded) if (l.failure() == null) bytes += l.image().pixels().length;
        if (!loading.isDone() && heldBackBytes + bytes <= readAheadBytes) {
            heldBack.add(loaded);
            heldBackBytes += bytes;
            return 0;
        }
        int done = end();
        screen(loaded);
        return done + loaded.size();
    }

    @Override
    public int end() {
        int done = 0;
        for (List<SourceInspector.LoadedSource> b : heldBack) {
            screen(b);
            done += b.size();
        }
        heldBack.clear();
        heldBackBytes = 0;
        return done;
    }

    /** The faces found in each usable source read so far (all of them once the inspection has ended). */
    Map<SourceImage, List<org.ferworkbench.core.face.FaceDetection>> faces() {
        return faces;
    }

    private void screen(List<SourceInspector.LoadedSource> loaded) {
        List<FaceRequest> requests = new ArrayList<>(loaded.size());
        List<SourceImage> sources = new ArrayList<>(loaded.size());
        for (SourceInspector.LoadedSource l : loaded) {
            if (l.failure() != null) continue;
            requests.add(new FaceRequest(l.image(), l.source().sha256()));
            sources.add(l.source());
        }
        if (requests.isEmpty()) return;
        List<List<org.ferworkbench.core.face.FaceDetection>> found = stage.get().detectAll(requests, parallel);
        for (int i = 0; i < sources.size(); i++) faces.put(sources.get(i), found.get(i));
    }
}
