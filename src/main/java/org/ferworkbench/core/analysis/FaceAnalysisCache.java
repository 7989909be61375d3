package org.ferworkbench.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.facenet.FaceExpressions;
import org.ferworkbench.core.storage.KeyedLineCache;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Face analyses (descriptor and expressions) of source images, keyed by the image's SHA-256 and by what chose the face
 * and analysed it (the models' hashes, the detector's parameters or "whole image"), so the app, prepare and stats
 * share them and a new model or detector setting never reuses stale ones. As detections: one append-only JSON-lines
 * file per key ({@link KeyedLineCache}). A source without a face is cached too (as no analysis). Thread-safe. A null
 * directory keeps it in memory.
 */
public final class FaceAnalysisCache {
    /** What a source's entry holds: the analysis of its face, or none when no face was found. */
    public record Entry(FaceAnalysis analysis) {
        public static final Entry NO_FACE = new Entry(null);
    }

    private final KeyedLineCache<Entry> lines;

    public FaceAnalysisCache(Path directory) {
        this(directory, false);
    }

    /** @param shared whether other processes, perhaps on other machines, write to the folder at the same time */
    public FaceAnalysisCache(Path directory, boolean shared) {
        this.lines = new KeyedLineCache<>(directory, "faces-", "key", new KeyedLineCache.Codec<>() {
            @Override
            public void write(ObjectNode line, Entry entry) {
                FaceAnalysis a = entry.analysis();
                if (a == null) {
                    line.putNull("d");
                    return;
                }
                line.put("d", a.descriptor().encode());
                ArrayNode p = line.putArray("e");
                for (float v : a.expressions().toArray()) p.add(v);
            }

            @Override
            public Entry read(JsonNode line) {
                JsonNode d = line.path("d");
                return d.isTextual() ? new Entry(new FaceAnalysis(FaceDescriptor.decode(d.asText()), expressions(line.path("e"))))
                        : Entry.NO_FACE;
            }
        }, shared);
    }

    /** ~/.cache/fer-workbench/faces (or $XDG_CACHE_HOME/fer-workbench/faces). */
    public static Path defaultDirectory() {
        return org.ferworkbench.core.storage.UserCache.directory("faces");
    }

    public Optional<Entry> get(String sha256, String key) {
        return lines.get(sha256, key);
    }

    /** Stores many at once: the new ones reach the file in a single append. */
    public void putAll(String key, Map<String, Entry> bySha256) {
        lines.putAll(key, bySha256);
    }

    private static FaceExpressions expressions(JsonNode e) {
        if (!e.isArray() || e.size() != 7) throw new IllegalArgumentException("expressions need 7 numbers");
        float[] p = new float[7];
        for (int i = 0; i < 7; i++) p[i] = (float) e.get(i).asDouble();
        return FaceExpressions.of(p);
    }
}
