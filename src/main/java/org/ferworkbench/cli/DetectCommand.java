package org.ferworkbench.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * {@code detect <image-or-folder>... --json <file>}: runs the MTCNN detector and writes
 * {@code {"images": {"<key>": {"width": W, "height": H, "faces": [{"box": [x1,y1,x2,y2], "prob": p,
 * "landmarks": [[x,y] x5]}]}}}}; an unreadable image gets {@code {"error": "<reason>"}} instead.
 * Keys: for a folder argument, the path relative to that folder with '/'; for a file argument, its file name
 * (when two arguments give the same key, the later one is keyed by its path as given). Folders are searched
 * recursively for jpg/jpeg/png/bmp/webp files (any case); hidden files and folders are skipped.
 * Exit codes: 0 done (even when some images were unreadable), 1 failure, 2 bad arguments.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Detects faces with MTCNN (facenet-pytorch's arithmetic) and writes boxes, probabilities and "
                + "5 landmarks per face as JSON.")
public final class DetectCommand implements Callable<Integer> {

    private static final long MAX_BATCH_PIXELS = 16L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<image-or-folder>", description = "Image files and/or folders.")
    List<Path> inputs;

    @Option(names = "--json", required = true, paramLabel = "<file>", description = "Output JSON file (written atomically).")
    Path json;

    @Mixin
    DetectorOptions detector;

    @Option(names = "--batch", paramLabel = "<n>", defaultValue = "64",
            description = "Images per detection batch (default: ${DEFAULT-VALUE}).")
    int batch;

    /** Whether a file is a JSON object with "images" at the top, as this command writes: only such a file is replaced. */
    static boolean isEarlierOutput(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (var parser = new com.fasterxml.jackson.core.JsonFactory().createParser(file.toFile())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return false;
            return parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && "images".equals(parser.getCurrentName());
        } catch (IOException e) {
            return false;
        }
    }

    /** One image to process: its JSON key and file. */
    record Entry(String key, Path file) { }

    @Override
    public Integer call() {
        // a batch run in a fresh JVM: C2 for the kernels only, heap on huge pages (see BatchJvm)
        org.ferworkbench.core.runtime.BatchJvm.tune();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MtcnnParameters params;
        try {
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
            params = detector.parameters();
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return FerCli.BAD_INPUT;
        }
        List<Entry> entries;
        try {
            entries = collect(inputs);
        } catch (NoSuchFileException e) {
            err.println("Error: no such file or folder: " + e.getFile());
            return FerCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("Error: cannot list " + e.getMessage());
            return FerCli.BAD_INPUT;
        }
        Path target = json.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            err.println("Error: --json names a folder: " + target);
            return FerCli.BAD_INPUT;
        }
        if (Files.exists(target) && !isEarlierOutput(target)) {
            // e.g. --json photos/me.jpg: replacing a file this command did not write would destroy it
            err.println("Error: Refusing to replace " + target + ": it exists and is not an earlier output of detect "
                    + "(choose a new file name)");
            return FerCli.BAD_INPUT;
        }
        try {
            Map<String, Object> results = detectAll(entries, params);
            writeAtomically(target, results);
            int faces = 0, errors = 0;
            for (Object r : results.values()) {
                if (r instanceof Detected d) faces += d.faces.size(); else errors++;
            }
            out.printf(Locale.ROOT, "%d image(s), %d face(s), %d unreadable -> %s%n", results.size(), faces, errors, target);
            out.flush();
            return FerCli.OK;
        } catch (IOException | RuntimeException e) {
            err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            err.flush();
            return FerCli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Error: interrupted");
            return FerCli.FAILED;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp") || n.endsWith(".webp");
    }

    /** The images named by the arguments, with their keys, in argument order (folders sorted by path). */
    static List<Entry> collect(List<Path> inputs) throws IOException {
        for (Path in : inputs) {
            if (!Files.exists(in)) throw new NoSuchFileException(in.toString());
        }
        Map<String, Entry> byKey = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                Path root = in;
                List<Path> files = new ArrayList<>();
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !hidden(file) && isImageName(FileNames.of(file))) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;   // unreadable folders are skipped
                    }
                });
                files.sort(null);
                for (Path f : files) {
                    add(byKey, seen, FileNames.relative(root, f), in, f);
                }
            } else {
                add(byKey, seen, FileNames.of(in), in, in);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static boolean hidden(Path p) {
        return FileNames.of(p).startsWith(".");
    }

    private static void add(Map<String, Entry> byKey, Set<Path> seen, String key, Path argument, Path file) {
        Path real = file.toAbsolutePath().normalize();
        if (!seen.add(real)) return;   // the same file twice
        if (byKey.containsKey(key)) {
            // another argument already produced this key: use the path as given on the command line (joined as
            // text: resolving the key would turn a name that is not valid in the locale back into a path)
            String given = argument.normalize().toString().replace('\\', '/');
            if (Files.isDirectory(argument)) {
                key = given.isEmpty() ? key : given.endsWith("/") ? given + key : given + "/" + key;
            } else {
                key = given;
            }
        }
        byKey.putIfAbsent(key, new Entry(key, file));
    }

    /** A decoded image (or the reason it could not be decoded), in input order. */
    private record Decoded(Entry entry, RgbImage image, String error) { }

    private record Detected(int width, int height, List<FaceDetection> faces) { }

    private static final List<Decoded> END = new ArrayList<>();

    /** Decodes on a background thread while the calling thread detects, batch by batch. */
    private Map<String, Object> detectAll(List<Entry> entries, MtcnnParameters params)
            throws IOException, InterruptedException {
        Map<String, Object> results = new LinkedHashMap<>();
        if (entries.isEmpty()) return results;
        MtcnnModels models = MtcnnModels.shared();
        BlockingQueue<List<Decoded>> queue = new ArrayBlockingQueue<>(2);
        Thread decoder = new Thread(() -> decodeInto(entries, queue), "detect-decoder");
        decoder.setDaemon(true);
        decoder.start();
        try (MtcnnDetector detector = new MtcnnDetector(models, params)) {
            List<Decoded> chunk;
            while ((chunk = queue.take()) != END) {
                List<RgbImage> images = new ArrayList<>();
                for (Decoded d : chunk) if (d.image != null) images.add(d.image);
                List<List<FaceDetection>> faces = detector.detectBatch(images);
                int k = 0;
                for (Decoded d : chunk) {
                    if (d.image == null) {
                        results.put(d.entry.key(), d.error);
                    } else {
                        results.put(d.entry.key(), new Detected(d.image.width(), d.image.height(), faces.get(k++)));
                    }
                }
            }
        } finally {
            decoder.interrupt();
        }
        return results;
    }

    private void decodeInto(List<Entry> entries, BlockingQueue<List<Decoded>> queue) {
        int queued = 0;   // entries already handed to the detector
        try {
            try {
                ImageCodec codec = new ImageCodec();
                List<Decoded> chunk = new ArrayList<>();
                long pixels = 0;
                for (Entry e : entries) {
                    Decoded d = decode(codec, e);
                    if (d.image != null) pixels += (long) d.image.width() * d.image.height();
                    chunk.add(d);
                    if (chunk.size() >= batch || pixels >= MAX_BATCH_PIXELS) {
                        queue.put(chunk);
                        queued += chunk.size();
                        chunk = new ArrayList<>();
                        pixels = 0;
                    }
                }
                if (!chunk.isEmpty()) queue.put(chunk);
            } catch (RuntimeException | Error ex) {
                // e.g. OpenCV cannot load: the images not yet handed over fail, rather than leave the detector waiting
                List<Decoded> failed = new ArrayList<>();
                for (Entry e : entries.subList(queued, entries.size())) {
                    failed.add(new Decoded(e, null, "decoder failed: " + ex.getMessage()));
                }
                queue.put(failed);
            }
            queue.put(END);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static Decoded decode(ImageCodec codec, Entry e) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(e.file());
        } catch (AccessDeniedException ex) {
            return new Decoded(e, null, "cannot read file: permission denied");
        } catch (IOException | OutOfMemoryError ex) {
            return new Decoded(e, null, "cannot read file: " + ex.getMessage());
        }
        try {
            return new Decoded(e, codec.decode(bytes), null);
        } catch (ImageDecodeException ex) {
            return new Decoded(e, null, ex.getMessage());
        }
    }

    private static void writeAtomically(Path target, Map<String, Object> results) throws IOException {
        Path dir = target.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeObjectFieldStart("images");
                for (Map.Entry<String, Object> e : results.entrySet()) {
                    g.writeObjectFieldStart(e.getKey());
                    if (e.getValue() instanceof Detected d) {
                        g.writeNumberField("width", d.width);
                        g.writeNumberField("height", d.height);
                        g.writeArrayFieldStart("faces");
                        for (FaceDetection f : d.faces) {
                            g.writeStartObject();
                            g.writeArrayFieldStart("box");
                            g.writeNumber(f.x1());
                            g.writeNumber(f.y1());
                            g.writeNumber(f.x2());
                            g.writeNumber(f.y2());
                            g.writeEndArray();
                            g.writeNumberField("prob", f.probability());
                            g.writeArrayFieldStart("landmarks");
                            for (FaceDetection.Landmark l : f.landmarks()) {
                                g.writeStartArray();
                                g.writeNumber(l.x());
                                g.writeNumber(l.y());
                                g.writeEndArray();
                            }
                            g.writeEndArray();
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    } else {
                        g.writeStringField("error", String.valueOf(e.getValue()));
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            org.ferworkbench.core.curation.AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
