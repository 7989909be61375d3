package org.ferworkbench.core.read;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The block listener of a {@link DetectingReader}: hands each block's decoded sources to the detection step once
 * the face stage has loaded. While it is still loading (libtorch and the models: about a second in a fresh process)
 * blocks are held back, up to {@link #READ_AHEAD_BYTES} of pixels, so reading goes on meanwhile; they are detected,
 * block by block in reading order, as soon as the stage is there.
 *
 * <p>The read-ahead is sized to last about as long as the load: while libtorch loads, the two workers decode about
 * 64 MB of 128x128 images (1,300) in half a second; with a 64 MB cap they then waited idle for the rest of the load.
 * More is not free either: the held-back images are copied by every young collection while they wait (with 192 MB,
 * the collector then used up to 0.8 of a core). 128 MB (2,700 such images) and at most an eighth of the heap.
 *
 * @param <S> the face stage
 */
final class ReadAhead<S> implements SourceReader.BlockListener {
    static final long READ_AHEAD_BYTES = Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final Future<S> loading;
    private final Supplier<S> stage;
    private final DetectingReader.BlockStep<S> step;
    private final List<List<SourceRead>> heldBack = new ArrayList<>();
    private final long readAheadBytes;
    private long heldBackBytes;

    /**
     * @param loading tells whether the stage has loaded; {@code stage} then returns it (or throws the loader's
     *                failure) without waiting
     */
    ReadAhead(Future<S> loading, Supplier<S> stage, DetectingReader.BlockStep<S> step) {
        this(loading, stage, step, READ_AHEAD_BYTES);
    }

    ReadAhead(Future<S> loading, Supplier<S> stage, DetectingReader.BlockStep<S> step, long readAheadBytes) {
        this.loading = loading;
        this.stage = stage;
        this.step = step;
        this.readAheadBytes = readAheadBytes;
    }

    @Override
    public int block(List<SourceRead> loaded) {
        long bytes = 0;
        for (SourceRead l : loaded) if (l.failure() == null) bytes += l.image().pixels().length;
        if (!loading.isDone() && heldBackBytes + bytes <= readAheadBytes) {
            heldBack.add(loaded);
            heldBackBytes += bytes;
            return 0;
        }
        int done = end();
        detect(loaded);
        return done + loaded.size();
    }

    @Override
    public int end() {
        int done = 0;
        for (List<SourceRead> b : heldBack) {
            detect(b);
            done += b.size();
        }
        heldBack.clear();
        heldBackBytes = 0;
        return done;
    }

    private void detect(List<SourceRead> loaded) {
        List<SourceRead> decoded = new ArrayList<>(loaded.size());
        for (SourceRead l : loaded) if (l.failure() == null) decoded.add(l);
        if (!decoded.isEmpty()) step.detect(stage.get(), decoded);
    }
}
