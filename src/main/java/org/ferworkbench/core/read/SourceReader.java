package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.export.IoMessages;
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

/** Reads, hashes and decodes every sample in parallel, so unreadable images are known before the split. */
public final class SourceInspector {
    private final ImageCodec codec;

    public SourceInspector(ImageCodec codec) {
        this.codec = codec;
    }

    public record Inspection(List<SourceImage> usable, List<UnusableSource> unusable) { }

    /** Outcome of reading one file: the bytes and hash, or the reason it cannot be used. */
    public record LoadedSource(SourceImage source, RgbImage image, UnusableSource failure) {
        /** The decoded source for the face stage (its detections cached by content). */
        public FaceRequest faceRequest() {
            return new FaceRequest(image, source.sha256());
        }
    }

    public Inspection inspect(List<Sample> samples, Parallel parallel, ProgressListener listener, Cancellation cancellation) {
        ProgressTracker tracker = new ProgressTracker("Reading images", samples.size(), listener);
        // keep only hash and size: holding the decoded pixels of every image would grow with the dataset
        List<Object> results = parallel.map(samples, sample -> {
            LoadedSource l = load(sample);
            return l.failure() != null ? l.failure() : l.source();
        }, cancellation, tracker);
        tracker.finish();
        List<SourceImage> usable = new ArrayList<>();
        List<UnusableSource> unusable = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof UnusableSource u) unusable.add(u);
            else usable.add((SourceImage) r);
        }
        return new Inspection(usable, unusable);
    }

    /** Receives the decoded sources of each block of an inspection, before their pixels are dropped. */
    public interface BlockListener {
        /**
         * @return how many samples are done with now: this block's, plus those of earlier blocks the listener held
         *         back (progress counts them then), or 0 when this block is held back too
         */
        int block(List<LoadedSource> loaded);

        /** After the last block, still inside the inspection's progress stage; returns the samples still held back. */
        default int end() {
            return 0;
        }
    }

    /** Decoded pixels a block may hold at once: a block of large photos gets fewer images. */
    static final long BLOCK_BYTES = 192L << 20;
    /** Samples in the first block, before anything is known of the images' size. */
    static final int FIRST_BLOCK = 8;

    /**
     * Like {@link #inspect(List, Parallel, ProgressListener, Cancellation)}, in blocks of at most {@code block} samples,
     * handing each block's decoded images to {@code listener} before they are dropped (so work that needs every
     * source's pixels, such as face detection, costs no second decoding). The first block has 8 samples; later
     * ones are sized from the pixels decoded so far to hold about {@link #BLOCK_BYTES} (256 images of 128x128, a
     * handful of 12-megapixel photos), so memory stays bounded whatever the photos. Block sizes depend only on the
     * data. Progress counts a sample when the listener is done with it.
     */
    public Inspection inspect(List<Sample> samples, int block, String stage, BlockListener listener,
                              Parallel parallel, ProgressListener progress, Cancellation cancellation) {
        return inspect(samples, block, BLOCK_BYTES, stage, listener, parallel, progress, cancellation);
    }

    Inspection inspect(List<Sample> samples, int block, long blockBytes, String stage, BlockListener listener,
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
            List<LoadedSource> loaded = parallel.map(part, this::load, cancellation, null);
            tracker.advance(listener.block(loaded));
            for (LoadedSource l : loaded) {
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
        return new Inspection(usable, unusable);
    }

    /** Larger files are refused before reading: no photo this tool decodes comes near it (the pixel limit is 150 MP). */
    static final long MAX_FILE_BYTES = 1L << 30;

    /** Reads and decodes one sample; never throws for a bad file, it reports it. */
    public LoadedSource load(Sample sample) {
        byte[] bytes;
        try {
            // judged by its size, not by catching OutOfMemoryError: under memory pressure that would list good images
            // as unreadable and export without them
            long size = Files.size(sample.file());
            if (size > MAX_FILE_BYTES) {
                return new LoadedSource(null, null, new UnusableSource(sample, String.format(java.util.Locale.ROOT,
                        "file too large to be an image this tool reads (%,d MB; the limit is %,d MB)", size >> 20, MAX_FILE_BYTES >> 20)));
            }
            bytes = Files.readAllBytes(sample.file());
        } catch (IOException e) {
            return new LoadedSource(null, null, new UnusableSource(sample, "cannot read file: " + IoMessages.describe(e)));
        }
        try {
            RgbImage image = codec.decode(bytes);
            return new LoadedSource(new SourceImage(sample, sha256(bytes), image.width(), image.height()), image, null);
        } catch (ImageDecodeException e) {
            return new LoadedSource(null, null, new UnusableSource(sample, e.getMessage()));
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
