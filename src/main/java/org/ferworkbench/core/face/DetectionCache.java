package org.ferworkbench.core.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detections of source images, keyed by the image's SHA-256 and the detector parameters, so a re-export and the
 * desktop app reuse them and a changed parameter never reuses stale ones. On disk: one append-only JSON-lines
 * file per parameter set (one short line per image, appended in batches, so a crash can cost at most the
 * lines of the batch being written, and a torn last line is skipped on reading). Thread-safe. A null directory keeps it in memory.
 */
public final class DetectionCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<MtcnnParameters, Map<String, List<FaceDetection>>> byParameters = new ConcurrentHashMap<>();

    public DetectionCache(Path directory) {
        this.directory = directory;
    }

    /** Whether it keeps its detections in memory only (no directory). */
    public boolean inMemory() {
        return directory == null;
    }

    /** ~/.cache/fer-workbench/detections (or $XDG_CACHE_HOME/fer-workbench/detections). */
    public static Path defaultDirectory() {
        return org.ferworkbench.core.storage.UserCache.directory("detections");
    }

    public Optional<List<FaceDetection>> get(String sha256, MtcnnParameters params) {
        return Optional.ofNullable(entries(params).get(sha256));
    }

    public void put(String sha256, MtcnnParameters params, List<FaceDetection> faces) {
        putAll(params, Map.of(sha256, faces));
    }

    /** Stores many at once: new entries reach the file in a single append (one open and write per batch). */
    public void putAll(MtcnnParameters params, Map<String, List<FaceDetection>> facesBySha256) {
        Map<String, List<FaceDetection>> map = entries(params);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, List<FaceDetection>> e : facesBySha256.entrySet()) {
            if (map.putIfAbsent(e.getKey(), List.copyOf(e.getValue())) == null && directory != null) {
                lines.append(toJson(e.getKey(), params, e.getValue())).append('\n');
            }
        }
        if (lines.length() == 0) return;
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(file(params), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the cache is an optimisation: a read-only home only costs a re-detection next time
        }
    }

    public int size(MtcnnParameters params) {
        return entries(params).size();
    }

    private Map<String, List<FaceDetection>> entries(MtcnnParameters params) {
        return byParameters.computeIfAbsent(params, this::load);
    }

    private Path file(MtcnnParameters params) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(params.cacheKey().getBytes(StandardCharsets.UTF_8));
            return directory.resolve("mtcnn-" + HexFormat.of().formatHex(d, 0, 6) + ".jsonl");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<FaceDetection>> load(MtcnnParameters params) {
        Map<String, List<FaceDetection>> map = new ConcurrentHashMap<>();
        if (directory == null) return map;
        Path f = file(params);
        if (!Files.isRegularFile(f)) return map;
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (!params.cacheKey().equals(n.path("params").asText())) continue;
                    List<FaceDetection> faces = new ArrayList<>();
                    for (JsonNode face : n.path("faces")) faces.add(fromJson(face));
                    map.put(n.path("sha256").asText(), List.copyOf(faces));
                } catch (IOException | RuntimeException e) {
                    // a torn last line after a crash: skip it
                }
            }
        } catch (IOException e) {
            return map;
        }
        return map;
    }

    private static String toJson(String sha256, MtcnnParameters params, List<FaceDetection> faces) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sha256", sha256);
        root.put("params", params.cacheKey());
        ArrayNode list = root.putArray("faces");
        for (FaceDetection f : faces) {
            ArrayNode a = list.addArray();
            a.add(f.x1()).add(f.y1()).add(f.x2()).add(f.y2()).add(f.probability());
            f.landmarks().forEach(l -> a.add(l.x()).add(l.y()));
        }
        return root.toString();
    }

    private static FaceDetection fromJson(JsonNode a) {
        if (a.size() != 15) throw new IllegalArgumentException("bad cache entry");
        List<FaceDetection.Landmark> marks = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) marks.add(new FaceDetection.Landmark(a.get(5 + 2 * i).asDouble(), a.get(6 + 2 * i).asDouble()));
        return new FaceDetection(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble(),
                a.get(4).asDouble(), marks);
    }
}
