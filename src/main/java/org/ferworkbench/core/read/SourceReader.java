package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.export.IoMessages;
import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.progress.ProgressTracker;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a source image: the file's bytes, their SHA-256 and the decoded pixels, or the reason the file cannot be used
 * (too large, unreadable, not an image, a decode bomb). The one way every front end reads and judges an image: prepare's
 * read step and detect (through {@link DetectingReader}), stats, the render of each job, and the workbench's
 * background reading ({@code curation.WorkspaceReader}), so an image is usable in one place exactly when it is in all.
 */
public final class SourceReader {
    private final ImageCodec codec;

    public SourceReader(ImageCodec codec) {
        this.codec = codec;
    }

    public Reading readAll(List<Sample> samples, Parallel parallel, ProgressListener listener, Cancellation cancellation) {
        return readAll(samples, parallel, listener, cancellation, read -> { });
    }

    /**
     * Like {@link #readAll(List, Parallel, ProgressListener, Cancellation)}, handing each sample's read (decoded pixels
     * included) to {@code decoded} on the worker that read it, before the pixels are dropped.
     */
    public Reading readAll(List<Sample> samples, Parallel parallel, ProgressListener listener, Cancellation cancellation,
                           java.util.function.Consumer<SourceRead> decoded) {
        ProgressTracker tracker = new ProgressTracker("Reading images", samples.size(), listener);
        // keep only hash and size: holding the decoded pixels of every image would grow with the dataset
        List<Object> results = parallel.map(samples, sample -> {
            SourceRead l = read(sample);
            decoded.accept(l);
            return l.failure() != null ? l.failure() : l.source();
        }, cancellation, tracker);
        tracker.finish();
        List<SourceImage> usable = new ArrayList<>();
        List<UnusableSource> unusable = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof UnusableSource u) unusable.add(u);
            else usable.add((SourceImage) r);
        }
        return new Reading(usable, unusable);
    }

    /** Receives the decoded sources of each block of an reading, before their pixels are dropped. */
    public interface BlockListener {
        /**
         * @return how many samples are done with now: this block's, plus those of earlier blocks the listener held
         *         back (progress counts them then), or 0 when this block is held back too
         */
        int block(List<SourceRead> loaded);

        /** After the last block, still inside the reading's progress stage; returns the samples still held back. */
        default int end() {
            return 0;
        }
    }

    /** Decoded pixels a block may hold at once: a block of large photos gets fewer images. */
    static final long BLOCK_BYTES = 192L << 20;
    /** Samples in the first block, before anything is known of the images' size. */
    static final int FIRST_BLOCK = 8;

    /**
     * Like {@link #readAll(List, Parallel, ProgressListener, Cancellation)}, in blocks of at most {@code block} samples,
     * handing each block's decoded images to {@code listener} before they are dropped (so work that needs every
     * source's pixels, such as face detection, costs no second decoding). The first block has 8 samples; later
     * ones are sized from the pixels decoded so far to hold about {@link #BLOCK_BYTES} (256 images of 128x128, a
     * handful of 12-megapixel photos), so memory stays bounded whatever the photos. Block sizes depend only on the
     * data. Progress counts a sample when the listener is done with it.
     */
    public Reading readInBlocks(List<Sample> samples, int block, String stage, BlockListener listener,
                              Parallel parallel, ProgressListener progress, Cancellation cancellation) {
        return readInBlocks(samples, block, BLOCK_BYTES, stage, listener, parallel, progress, cancellation);
    }

    Reading readInBlocks(List<Sample> samples, int block, long blockBytes, String stage, BlockListener listener,
                       Parallel parallel, ProgressListener progress, Cancellation cancellation) {
        ProgressTracker tracker = new ProgressTracker(stage, samples.size(), progress);
        List<SourceImage> usable = new ArrayList<>();
        List<UnusableSource> unusable = new ArrayList<>();
        long decodedBytes = 0;
        int size = Math.min(block, FIRST_BLOCK);
        for (int from = 0; from < samples.size(); from += size) {
            cancellation.throwIfCancelled();
            if (!usable.isEmpty()) {
                long perImage = Math.max(1, decodedBytes / usable.size());
                size = (int) Math.max(2, Math.min(block, blockBytes / perImage));
            }
            List<Sample> part = samples.subList(from, Math.min(samples.size(), from + size));
            List<SourceRead> loaded = parallel.map(part, this::read, cancellation, null);
            tracker.advance(listener.block(loaded));
            for (SourceRead l : loaded) {
                if (l.failure() != null) {
                    unusable.add(l.failure());
                } else {
                    usable.add(l.source());
                    decodedBytes += l.image().pixels().length;
                }
            }
        }
        tracker.advance(listener.end());
        tracker.finish();
        return new Reading(usable, unusable);
    }

    /** Larger files are refused before reading: no photo this tool decodes comes near it (the pixel limit is 150 MP). */
    static final long MAX_FILE_BYTES = 1L << 30;

    /** Reads, decodes and fingerprints one sample; never throws for a bad file, it reports it. */
    public SourceRead read(Sample sample) {
        return read(sample, true);
    }

    /**
     * Reads and decodes one sample without fingerprinting it: for rendering and previews, where the duplicates are
     * known already (its {@code fingerprint} is null).
     */
    public SourceRead readPixels(Sample sample) {
        return read(sample, false);
    }

    private SourceRead read(Sample sample, boolean fingerprint) {
        byte[] bytes;
        try {
            // judged by its size, not by catching OutOfMemoryError: under memory pressure that would list good images
            // as unreadable and export without them
            long size = Files.size(sample.file());
            if (size > MAX_FILE_BYTES) {
                return new SourceRead(null, null, new UnusableSource(sample, String.format(java.util.Locale.ROOT,
                        "file too large to be an image this tool reads (%,d MB; the limit is %,d MB)", size >> 20, MAX_FILE_BYTES >> 20)));
            }
            bytes = Files.readAllBytes(sample.file());
        } catch (IOException e) {
            return new SourceRead(null, null, new UnusableSource(sample, "cannot read file: " + IoMessages.describe(e)));
        }
        try {
            RgbImage image = codec.decode(bytes);
            // fingerprinted here, from the pixels just decoded: the duplicate search needs no second decoding
            return new SourceRead(new SourceImage(sample, sha256(bytes), image.width(), image.height(),
                    fingerprint ? Fingerprint.of(image) : null), image, null);
        } catch (ImageDecodeException e) {
            return new SourceRead(null, null, new UnusableSource(sample, e.getMessage()));
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
