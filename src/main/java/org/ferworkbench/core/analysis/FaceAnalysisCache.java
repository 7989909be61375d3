package org.ferworkbench.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.facenet.FaceExpressions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Face analyses (descriptor and expressions) of source images, keyed by the image's SHA-256 and by what chose the face and described it (the
 * models' hashes, the detector's parameters or "whole image"), so the app, prepare and stats share them and a new
 * model or detector setting never reuses stale ones. As the detection cache: one append-only JSON-lines file per
 * key, appended in batches, a torn last line skipped. A source without a face is cached too (as no analysis).
 * Thread-safe. A null directory keeps it in memory.
 */
public final class FaceAnalysisCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a source's entry holds: the analysis of its face, or none when no face was found. */
    public record Entry(FaceAnalysis analysis) {
        public static final Entry NO_FACE = new Entry(null);
    }

    private final Path directory;
    private final Map<String, Map<String, Entry>> byKey = new ConcurrentHashMap<>();

    public FaceAnalysisCache(Path directory) {
        this.directory = directory;
    }

    /** ~/.cache/fer-workbench/faces (or $XDG_CACHE_HOME/fer-workbench/faces). */
    public static Path defaultDirectory() {
        return org.ferworkbench.core.storage.UserCache.directory("faces");
    }

    public Optional<Entry> get(String sha256, String key) {
        return Optional.ofNullable(entries(key).get(sha256));
    }

    /** Stores many at once: the new ones reach the file in a single append. */
    public void putAll(String key, Map<String, Entry> bySha256) {
        Map<String, Entry> map = entries(key);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Entry> e : bySha256.entrySet()) {
            if (map.putIfAbsent(e.getKey(), e.getValue()) == null && directory != null) {
                ObjectNode line = JSON.createObjectNode();
                line.put("sha256", e.getKey());
                line.put("key", key);
                FaceAnalysis a = e.getValue().analysis();
                if (a == null) {
                    line.putNull("d");
                } else {
                    line.put("d", a.descriptor().encode());
                    var p = line.putArray("e");
                    for (float v : a.expressions().toArray()) p.add(v);
                }
                lines.append(line).append('\n');
            }
        }
        if (lines.length() == 0) return;
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(file(key), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the cache is an optimisation: a read-only home only costs describing the faces again next time
        }
    }

    private Map<String, Entry> entries(String key) {
        return byKey.computeIfAbsent(key, this::load);
    }

    private Path file(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve("faces-" + HexFormat.of().formatHex(d, 0, 6) + ".jsonl");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Entry> load(String key) {
        Map<String, Entry> map = new ConcurrentHashMap<>();
        if (directory == null) return map;
        Path f = file(key);
        if (!Files.isRegularFile(f)) return map;
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (!key.equals(n.path("key").asText())) continue;
                    JsonNode d = n.path("d");
                    map.put(n.path("sha256").asText(), d.isTextual()
                            ? new Entry(new FaceAnalysis(FaceDescriptor.decode(d.asText()), expressions(n.path("e"))))
                            : Entry.NO_FACE);
                } catch (IOException | RuntimeException e) {
                    // a torn last line after a crash: skip it
                }
            }
        } catch (IOException e) {
            return map;
        }
        return map;
    }

    private static FaceExpressions expressions(JsonNode e) {
        if (!e.isArray() || e.size() != 7) throw new IllegalArgumentException("expressions need 7 numbers");
        float[] p = new float[7];
        for (int i = 0; i < 7; i++) p[i] = (float) e.get(i).asDouble();
        return FaceExpressions.of(p);
    }
}
