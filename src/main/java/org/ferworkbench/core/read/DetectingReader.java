package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.BlockDetector;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reading with face detection in one pass, as prepare and the detect command do it: every sample is read and
 * decoded in blocks on the workers ({@link SourceReader}), and each block's decoded images go straight to a
 * detection step with the face stage (which spreads them over the same workers), so nothing is decoded twice and
 * at most a block of pixels is held. The face stage loads on a thread of its own meanwhile; blocks read before it
 * is there are held back ({@link ReadAhead}) and detected as soon as it is. Blocks depend only on the data, never on
 * the number of threads or on how long the load took, so neither changes the results.
 *
 * @param <S> the face stage: prepare's {@link FaceStage}, detect's {@link BlockDetector}
 */
public final class DetectingReader<S extends AutoCloseable> implements AutoCloseable {
    /** Samples per block at most (fewer for large photos: see {@link SourceReader}). */
    static final int BLOCK = 512;
    /** The progress stage while reading and detecting. */
    public static final String STAGE = "Reading, detecting faces";

    /** What is done with each block's decoded sources, on the reading thread, blocks in reading order. */
    @FunctionalInterface
    public interface BlockStep<S> {
        /** @param decoded the block's sources that could be read and decoded (never empty) */
        void detect(S stage, List<SourceRead> decoded);
    }

    private final SourceReader reader;
    private final CompletableFuture<S> loading;

    private DetectingReader(SourceReader reader, CompletableFuture<S> loading) {
        this.reader = reader;
        this.loading = loading;
    }

    /**
     * Starts loading the face stage (on a daemon thread of its own) for reading {@code samples}.
     *
     * <p>One image is decoded first, on the calling thread: the JVM links a native method on its first call with a
     * symbol lookup, which waits while another thread's dlopen of libtorch (~0.7 s of relocations and static
     * initialisers) holds the dynamic loader's lock. Linked first, the decoder's natives run freely and reading goes
     * on while libtorch loads; without this the workers sat idle for the whole load.
     */
    public static <S extends AutoCloseable> DetectingReader<S> start(SourceReader reader, List<Sample> samples,
                                                                    Supplier<S> loader) {
        if (!samples.isEmpty()) reader.readPixels(samples.get(0));
        CompletableFuture<S> loading = CompletableFuture.supplyAsync(loader, runnable -> {
            Thread t = new Thread(runnable, "face-stage-loader");
            t.setDaemon(true);
            t.start();
        });
        return new DetectingReader<>(reader, loading);
    }

    /**
     * Reads and decodes every sample in blocks on the workers and hands each block's decoded sources to {@code step}
     * with the loaded stage. Progress (stage {@value #STAGE}) counts a sample once its block went through the step.
     */
    public Reading read(List<Sample> samples, BlockStep<S> step, Parallel parallel,
                                           ProgressListener progress, Cancellation cancellation) {
        return reader.readInBlocks(samples, BLOCK, STAGE, new ReadAhead<>(loading, this::stage, step), parallel,
                progress, cancellation);
    }

    /** The loaded stage (waiting for it), or the loader's own exception (e.g. "Face detection needs the MTCNN models ..."). */
    public S stage() {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Closes the stage whenever it has loaded, also if the run ends before that. */
    @Override
    public void close() {
        loading.thenAccept(stage -> {
            try {
                stage.close();
            } catch (Exception ignored) {
                // releasing native resources must not hide the real outcome
            }
        });
    }
}
