package org.ferworkbench.core.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.storage.KeyedLineCache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Detections of source images, keyed by the image's SHA-256 and the detector parameters, so a re-export and the
 * desktop app reuse them and a changed parameter never reuses stale ones. On disk: one append-only JSON-lines
 * file per parameter set ({@link KeyedLineCache}). Thread-safe. A null directory keeps it in memory.
 */
public final class DetectionCache {
    private final KeyedLineCache<List<FaceDetection>> lines;
    private final Path directory;
    private final boolean shared;

    public DetectionCache(Path directory) {
        this(directory, false);
    }

    /**
     * A cache in a folder that many processes, perhaps on many machines, use at once (--detection-cache on a cluster's
     * shared storage): each process appends to a file of its own ({@link KeyedLineCache}).
     */
    public static DetectionCache shared(Path directory) {
        return new DetectionCache(java.util.Objects.requireNonNull(directory), true);
    }

    private DetectionCache(Path directory, boolean shared) {
        this.directory = directory;
        this.shared = shared;
        this.lines = new KeyedLineCache<>(directory, "mtcnn-", "params", new KeyedLineCache.Codec<>() {
            @Override
            public void write(ObjectNode line, List<FaceDetection> faces) {
                ArrayNode list = line.putArray("faces");
                for (FaceDetection f : faces) {
                    ArrayNode a = list.addArray();
                    a.add(f.x1()).add(f.y1()).add(f.x2()).add(f.y2()).add(f.probability());
                    f.landmarks().forEach(l -> a.add(l.x()).add(l.y()));
                }
            }

            @Override
            public List<FaceDetection> read(JsonNode line) {
                List<FaceDetection> faces = new ArrayList<>();
                for (JsonNode face : line.path("faces")) faces.add(fromJson(face));
                return List.copyOf(faces);
            }
        }, shared);
    }

    /** The folder, or null in memory. */
    public Path directory() {
        return directory;
    }

    /** Whether other processes write to the folder too ({@link #shared(Path)}). */
    public boolean shared() {
        return shared;
    }

    /** Whether it keeps its detections in memory only (no directory). */
    public boolean inMemory() {
        return lines.inMemory();
    }

    /** ~/.cache/fer-workbench/detections (or $XDG_CACHE_HOME/fer-workbench/detections). */
    public static Path defaultDirectory() {
        return org.ferworkbench.core.storage.UserCache.directory("detections");
    }

    public Optional<List<FaceDetection>> get(String sha256, MtcnnParameters params) {
        return lines.get(sha256, params.cacheKey());
    }

    public void put(String sha256, MtcnnParameters params, List<FaceDetection> faces) {
        putAll(params, Map.of(sha256, faces));
    }

    /** Stores many at once: new entries reach the file in a single append (one open and write per batch). */
    public void putAll(MtcnnParameters params, Map<String, List<FaceDetection>> facesBySha256) {
        Map<String, List<FaceDetection>> copies = new java.util.LinkedHashMap<>();
        facesBySha256.forEach((sha, faces) -> copies.put(sha, List.copyOf(faces)));
        lines.putAll(params.cacheKey(), copies);
    }

    public int size(MtcnnParameters params) {
        return lines.size(params.cacheKey());
    }

    private static FaceDetection fromJson(JsonNode a) {
        if (a.size() != 15) throw new IllegalArgumentException("bad cache entry");
        List<FaceDetection.Landmark> marks = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) marks.add(new FaceDetection.Landmark(a.get(5 + 2 * i).asDouble(), a.get(6 + 2 * i).asDouble()));
        return new FaceDetection(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble(),
                a.get(4).asDouble(), marks);
    }
}
