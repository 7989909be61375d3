package org.ferworkbench.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Streams one export into a folder: x_/y_ arrays per split (rows appended as samples arrive), the manifest,
 * an optional PNG tree, and at the end classes.json, config.json, summary.json and the optional .npz.
 * Not thread-safe: the pipeline writes from one thread, in order.
 */
public final class ExportWriter implements AutoCloseable {
    public static final List<String> MANIFEST_COLUMNS = List.of("split", "index", "label", "class", "source", "sha256",
            "kind", "copy", "attempt", "seed", "rotation", "brightness", "flip", "status", "reason",
            "face_count", "box", "prob", "landmarks", "align_angle", "group");
    /**
     * attempts.csv: every augmentation drawn for a copy that did not become a row (its face was lost), so that the
     * manifest's exported copies plus these rows are every draw. outcome: "drawn again" (a later attempt replaced
     * it) or "gave up" (the copy's last attempt; the manifest lists the copy as dropped).
     */
    public static final List<String> ATTEMPT_COLUMNS = List.of("split", "label", "class", "source", "sha256", "copy",
            "attempt", "seed", "rotation", "brightness", "flip", "reason", "face_count", "outcome");

    private final Path folder;
    private final Map<String, Integer> groupOf;
    private final List<String> classNames;
    private final OutputDtype dtype;
    private final Set<ExportFormat> formats;
    private final int size;
    private final ImageCodec codec;
    private final Map<String, NpyWriter> images = new LinkedHashMap<>();
    private final Map<String, NpyWriter> labels = new LinkedHashMap<>();
    private final CSVPrinter manifest;
    private final CSVPrinter attempts;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ExportWriter(Path folder, List<String> classNames, OutputDtype dtype, Set<ExportFormat> formats, int size,
                        ImageCodec codec) throws IOException {
        this(folder, classNames, dtype, formats, size, codec, Map.of());
    }

    /**
     * @param groupOf the duplicate group id of each source in a group (relative path to id): every row of such a source
     *                names its group in the manifest's last column, so a reader sees which rows must stay together
     */
    public ExportWriter(Path folder, List<String> classNames, OutputDtype dtype, Set<ExportFormat> formats, int size,
                        ImageCodec codec, Map<String, Integer> groupOf) throws IOException {
        this.groupOf = groupOf;
        this.folder = folder;
        this.classNames = List.copyOf(classNames);
        this.dtype = dtype;
        this.formats = formats;
        this.size = size;
        this.codec = codec;
        BufferedWriter out = Files.newBufferedWriter(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
        this.manifest = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                .setHeader(MANIFEST_COLUMNS.toArray(String[]::new)).get());
        CSVPrinter a;
        try {
            a = new CSVPrinter(Files.newBufferedWriter(folder.resolve("attempts.csv"), StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader(ATTEMPT_COLUMNS.toArray(String[]::new)).get());
        } catch (IOException e) {
            manifest.close();
            throw e;
        }
        this.attempts = a;
    }

    /** One discarded attempt of a copy (see {@link #ATTEMPT_COLUMNS}). */
    public void recordAttempt(String split, int label, String className, String source, String sha256, int copy, int attempt,
                              Augmentation a, String reason, int faceCount, boolean gaveUp) throws IOException {
        attempts.printRecord(split, label, className, source, sha256, copy, attempt, Long.toUnsignedString(a.seed()),
                fmt(a.rotationDegrees()), fmt(a.brightness()), a.flipped() ? "1" : "0", reason,
                faceCount < 0 ? "" : Integer.toString(faceCount), gaveUp ? "gave up" : "drawn again");
    }

    /** A sample ready to append: its 8-bit RGB pixels (output size) and, when PNGs are exported, its PNG bytes. */
    public record EncodedSample(byte[] pixels, byte[] png) { }

    /** Thread-safe: the costly conversion, done by the workers so the single writer only writes. */
    public EncodedSample encode(RgbImage image) {
        return encode(image, size, formats, codec);
    }

    /**
     * The row an export of {@code size} and {@code formats} writes for an image: its pixels as they are (RgbImage is
     * never changed; the writer converts them to the dtype as it writes) and its PNG when PNGs are exported.
     */
    public static EncodedSample encode(RgbImage image, int size, Set<ExportFormat> formats, ImageCodec codec) {
        if (image.width() != size || image.height() != size) {
            throw new IllegalArgumentException("expected " + size + "x" + size + ", got " + image.width() + "x" + image.height());
        }
        return new EncodedSample(image.pixels(), formats.contains(ExportFormat.PNG) ? codec.encodePng(image) : null);
    }

    /** Appends a sample to its split's arrays (and PNG tree) and returns its index there. */
    public long append(String split, int label, EncodedSample sample, String fileStem) throws IOException {
        NpyWriter x = images.get(split);
        if (x == null) {
            openSplit(split);
            x = images.get(split);
        }
        long index = x.rows();
        x.appendPixels(sample.pixels());
        labels.get(split).appendLong(label);
        if (sample.png() != null) {
            // class names and stems come from the dataset's file names: written as UTF-8 whatever the locale
            Path dir = FileNames.child(folder.resolve("png").resolve(split), classNames.get(label));
            Files.createDirectories(dir);
            Files.write(FileNames.child(dir, String.format(Locale.ROOT, "%06d_%s.png", index, fileStem)), sample.png());
        }
        return index;
    }

    /** Creates the arrays of a split even when it gets no rows (an empty split is still a valid file). */
    public void openSplit(String split) throws IOException {
        if (images.containsKey(split)) return;
        Path x = folder.resolve("x_" + split + ".npy");
        images.put(split, dtype == OutputDtype.UINT8 ? NpyWriter.uint8(x, size, size, 3) : NpyWriter.float32(x, size, size, 3));
        labels.put(split, NpyWriter.int64(folder.resolve("y_" + split + ".npy")));
    }

    public void record(ManifestEntry e) throws IOException {
        var a = e.augmentation();
        FaceDetection f = e.face();
        manifest.printRecord(e.split(), e.index() < 0 ? "" : Long.toString(e.index()), e.label(), e.className(),
                e.source(), e.sha256() == null ? "" : e.sha256(), e.kind(),
                e.copy() < 0 ? "" : Integer.toString(e.copy()), e.kind().isEmpty() ? "" : Integer.toString(e.attempt()),
                a == null ? "" : Long.toUnsignedString(a.seed()),
                a == null ? "" : fmt(a.rotationDegrees()), a == null ? "" : fmt(a.brightness()),
                a == null ? "" : (a.flipped() ? "1" : "0"),
                e.status(), e.reason() == null ? "" : e.reason(),
                e.faceCount() < 0 ? "" : Integer.toString(e.faceCount()),
                f == null ? "" : fmt(f.x1()) + " " + fmt(f.y1()) + " " + fmt(f.x2()) + " " + fmt(f.y2()),
                f == null ? "" : Decimals.fixed(f.probability(), 6),
                f == null ? "" : landmarks(f),
                f == null ? "" : fmt(e.alignmentDegrees()),
                groupOf.containsKey(e.source()) ? Integer.toString(groupOf.get(e.source())) : "");
    }

    private static String landmarks(FaceDetection f) {
        StringBuilder b = new StringBuilder();
        for (FaceDetection.Landmark l : f.landmarks()) {
            if (b.length() > 0) b.append(' ');
            b.append(fmt(l.x())).append(' ').append(fmt(l.y()));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Decimals.fixed(v, 4);
    }

    /**
     * Closes the arrays and writes the metadata files. config and summary are serialised as JSON;
     * classes.json maps each label index to its class name.
     */
    public void finish(Object config, Object summary) throws IOException {
        for (String split : List.of("train", "test")) openSplit(split);
        closeArrays();
        manifest.close(true);
        attempts.close(true);
        Map<String, String> classes = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) classes.put(Integer.toString(i), classNames.get(i));
        json.writeValue(folder.resolve("classes.json").toFile(), classes);
        json.writeValue(folder.resolve("config.json").toFile(), config);
        json.writeValue(folder.resolve("summary.json").toFile(), summary);
        if (formats.contains(ExportFormat.NPZ)) {
            List<Path> npy = new ArrayList<>();
            for (String split : List.of("train", "test")) {
                npy.add(folder.resolve("x_" + split + ".npy"));
                npy.add(folder.resolve("y_" + split + ".npy"));
            }
            new NpzBundler().bundle(folder.resolve("dataset.npz"), npy);
            if (!formats.contains(ExportFormat.NPY)) {
                for (Path p : npy) Files.delete(p);
            }
        }
    }

    private void closeArrays() throws IOException {
        IOException first = null;
        for (NpyWriter w : images.values()) first = closeQuietly(w, first);
        for (NpyWriter w : labels.values()) first = closeQuietly(w, first);
        images.clear();
        labels.clear();
        if (first != null) throw first;
    }

    private static IOException closeQuietly(NpyWriter w, IOException first) {
        try {
            w.close();
        } catch (IOException e) {
            return first == null ? e : first;
        }
        return first;
    }

    /**
     * Releases the files of an export that did not finish (after {@link #finish} there is nothing left to close). Runs
     * on failure paths only, so running out of memory here is not reported again: the JVM may hand out one shared
     * OutOfMemoryError, which try-with-resources would try to suppress into itself (IllegalArgumentException).
     */
    @Override
    public void close() throws IOException {
        try {
            closeArrays();
        } catch (OutOfMemoryError e) {
            // the export failed already; the staging folder is deleted next
        } finally {
            try {
                manifest.close();
                attempts.close();
            } catch (OutOfMemoryError e) {
                // as above
            }
        }
    }
}
