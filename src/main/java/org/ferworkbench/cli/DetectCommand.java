package org.ferworkbench.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.facestage.BlockDetector;
import org.ferworkbench.core.read.DetectingReader;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.pipeline.PrepareRequest;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.Reading;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.read.UnusableSource;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * {@code detect <image-or-folder>... --json <file>}: runs the MTCNN detector and writes
 * {@code {"images": {"<key>": {"width": W, "height": H, "faces": [{"box": [x1,y1,x2,y2], "prob": p,
 * "landmarks": [[x,y] x5]}]}}}}; an unreadable image gets {@code {"error": "<reason>"}} instead.
 * Keys: for a folder argument, the path relative to that folder with '/'; for a file argument, its file name
 * (when two arguments give the same key, the later one is keyed by its path as given). Folders are searched
 * recursively for jpg/jpeg/png/bmp/webp files (any case); hidden files and folders are skipped.
 * Images are read, decoded and detected the way prepare does it ({@link DetectingReader} with a {@link BlockDetector}:
 * blocks spread over the workers, detections cached by content), so the output does not depend on --threads.
 * Exit codes: 0 done (even when some images were unreadable), 1 failure, 2 bad arguments, 130/143 stopped by
 * Ctrl-C/SIGTERM (nothing written).
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Detects faces with MTCNN (facenet-pytorch's arithmetic) and writes boxes, probabilities and "
                + "5 landmarks per face as JSON.")
public final class DetectCommand implements Callable<Integer>, BatchCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<image-or-folder>", description = "Image files and/or folders.")
    List<Path> inputs;

    @Option(names = "--json", required = true, paramLabel = "<file>", description = "Output JSON file (written atomically).")
    Path json;

    @Mixin
    DetectorOptions detector;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--batch", paramLabel = "<n>", hidden = true,
            description = "No longer used: images are batched as prepare batches them.")
    Integer batch;

    private final Supplier<DetectionCache> caches;

    DetectCommand() {
        this(() -> new DetectionCache(DetectionCache.defaultDirectory()));
    }

    /** @param caches the detection cache of a run (tests give one in memory) */
    DetectCommand(Supplier<DetectionCache> caches) {
        this.caches = caches;
    }

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MtcnnParameters params;
        int workers;
        try {
            params = detector.parameters();
            workers = threads.count();
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return FerCli.BAD_INPUT;
        }
        if (batch != null) err.println("Note: --batch no longer has an effect (images are batched as prepare batches them)");
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
        boolean earlier = Files.exists(target);
        if (earlier && !isEarlierOutput(target)) {
            // e.g. --json photos/me.jpg: replacing a file this command did not write would destroy it
            err.println("Error: Refusing to replace " + target + ": it exists and is not an earlier output of detect "
                    + "(choose a new file name)");
            return FerCli.BAD_INPUT;
        }
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                Map<String, Object> results = detectAll(entries, params,
                        workers, ConsoleProgress.forStderr(), cancellation);
                writeAtomically(target, results, cancellation);
                int faces = 0, errors = 0;
                for (Object r : results.values()) {
                    if (r instanceof Detected d) faces += d.faces.size(); else errors++;
                }
                out.printf(Locale.ROOT, "%d image(s), %d face(s), %d unreadable -> %s%n", results.size(), faces, errors, target);
                out.flush();
                if (interrupts.received() != null) {
                    err.println("Note: the interrupt came after " + target + " was written; it was kept.");
                }
                return FerCli.OK;
            } catch (CancellationException e) {
                String signal = interrupts.received();
                err.println((signal == null ? "Cancelled" : Interrupts.describe(signal)) + ": detection stopped; nothing was "
                        + "written to " + target + (earlier ? " (the earlier file there is untouched)" : ""));
                err.flush();
                return signal == null ? FerCli.FAILED : Interrupts.exitCodeOf(signal);
            } catch (IOException | RuntimeException e) {
                err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                err.flush();
                return FerCli.FAILED;
            }
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

    private record Detected(int width, int height, List<FaceDetection> faces) { }

    /**
     * Reads, decodes and detects every entry as prepare does (blocks read on the workers, each block's shards detected
     * on them, the detector loading while the first blocks are read). The result of each key: a {@link Detected}, or
     * the reason the image could not be read, in entry order.
     */
    private Map<String, Object> detectAll(List<Entry> entries, MtcnnParameters params, int threads,
                                          ProgressListener progress, Cancellation cancellation) {
        Map<String, Object> results = new LinkedHashMap<>();
        if (entries.isEmpty()) return results;
        // detect has no classes: each image is a sample of no class, identified by its key
        List<Sample> samples = new ArrayList<>(entries.size());
        for (Entry e : entries) samples.add(new Sample("", -1, e.key(), e.file()));
        DetectionCache cache = caches.get();
        Map<String, Object> byKey = new HashMap<>();
        ExecutorService pool = Parallel.daemonPool("detect", threads);
        Parallel parallel = new Parallel(pool, threads);
        try (DetectingReader<BlockDetector> reader = DetectingReader.start(new SourceReader(new ImageCodec()), samples,
                () -> detector(params, cache))) {
            Reading reading = reader.read(samples, (detector, decoded) -> {
                List<List<FaceDetection>> faces = detector.detect(
                        decoded.stream().map(SourceRead::faceRequest).toList(), parallel, cancellation);
                for (int i = 0; i < decoded.size(); i++) {
                    SourceImage s = decoded.get(i).source();
                    byKey.put(s.sample().relativePath(), new Detected(s.width(), s.height(), faces.get(i)));
                }
            }, parallel, progress, cancellation);
            for (UnusableSource u : reading.unusable()) byKey.put(u.sample().relativePath(), u.reason());
        } finally {
            pool.shutdownNow();
        }
        for (Entry e : entries) results.put(e.key(), byKey.get(e.key()));
        return results;
    }

    /** MTCNN with the shared models (loaded once per process: libtorch and the three nets). */
    private static BlockDetector detector(MtcnnParameters params, DetectionCache cache) {
        MtcnnModels models;
        try {
            models = MtcnnModels.shared();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return new BlockDetector(params, () -> new MtcnnDetector(models, params), cache);
    }

    /** Writes beside the target and renames it into place; an interrupt until the rename leaves no file behind. */
    private static void writeAtomically(Path target, Map<String, Object> results, Cancellation cancellation) throws IOException {
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
            cancellation.throwIfCancelled();
            org.ferworkbench.core.storage.AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
