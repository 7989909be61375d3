package org.ferworkbench.core.pipeline;

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
    public record LoadedSource(SourceImage source, RgbImage image, UnusableSource failure) { }

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

    /** Reads and decodes one sample; never throws for a bad file, it reports it. */
    public LoadedSource load(Sample sample) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sample.file());
        } catch (IOException e) {
            return new LoadedSource(null, null, new UnusableSource(sample, "cannot read file: " + IoMessages.describe(e)));
        } catch (OutOfMemoryError e) {
            return new LoadedSource(null, null, new UnusableSource(sample, "file too large to read"));
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
