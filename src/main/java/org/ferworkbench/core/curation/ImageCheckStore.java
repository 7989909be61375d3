package org.ferworkbench.core.curation;

import org.ferworkbench.core.storage.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.face.FaceDetection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cache of image checks as JSON lines (checks.jsonl), so a dataset is read and searched for faces once, not at
 * every start. The last line about an image wins; damaged lines are skipped (it is only a cache). Appends are
 * flushed per batch; the file is compacted when it grows much longer than the set of images. Thread-safe.
 */
public final class ImageCheckStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, ImageCheck> checks = new HashMap<>();
    private BufferedWriter writer;
    private int lines;

    private ImageCheckStore(Path file) {
        this.file = file;
    }

    public static ImageCheckStore open(Path file) throws IOException {
        ImageCheckStore store = new ImageCheckStore(file);
        store.load();
        return store;
    }

    public synchronized ImageCheck get(String relativePath) {
        return checks.get(relativePath);
    }

    public synchronized Map<String, ImageCheck> all() {
        return new HashMap<>(checks);
    }

    public synchronized void putAll(Collection<ImageCheck> batch) throws IOException {
        if (batch.isEmpty()) return;
        if (writer == null) throw new IOException("the check cache " + file + " is closed");
        for (ImageCheck c : batch) {
            writer.write(toLine(c));
            writer.write('\n');
            checks.put(c.relativePath(), c);
            lines++;
        }
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private void load() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean damaged = false;
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    lines++;
                    try {
                        ImageCheck c = fromLine(JSON.readTree(line));
                        checks.put(c.relativePath(), c);
                    } catch (IOException | RuntimeException e) {
                        damaged = true;
                    }
                }
            } catch (java.nio.charset.MalformedInputException e) {
                damaged = true;
                checks.clear();
            }
        }
        if (damaged || lines > 2000 && lines > 2 * checks.size()) {
            StringBuilder out = new StringBuilder();
            for (ImageCheck c : checks.values()) out.append(toLine(c)).append('\n');
            AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
            lines = checks.size();
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String toLine(ImageCheck c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", c.relativePath());
        n.put("size", c.fileSize());
        n.put("mtime", c.modifiedMillis());
        if (c.sha256() != null) n.put("sha256", c.sha256());
        n.put("w", c.width());
        n.put("h", c.height());
        if (c.unreadableReason() != null) n.put("error", c.unreadableReason());
        if (c.fingerprint() != null) n.put("fp", c.fingerprint().encode());
        if (c.detector() != null) {
            n.put("detector", c.detector());
            ArrayNode faces = n.putArray("faces");
            for (FaceDetection f : c.faces()) {
                ArrayNode a = faces.addArray();
                a.add(f.x1()).add(f.y1()).add(f.x2()).add(f.y2()).add(f.probability());
                for (FaceDetection.Landmark l : f.landmarks()) a.add(l.x()).add(l.y());
            }
        }
        return n.toString();
    }

    static ImageCheck fromLine(JsonNode n) {
        List<FaceDetection> faces = null;
        String detector = n.hasNonNull("detector") ? n.get("detector").asText() : null;
        if (detector != null) {
            faces = new ArrayList<>();
            for (JsonNode a : n.get("faces")) {
                List<FaceDetection.Landmark> lms = new ArrayList<>(5);
                for (int i = 0; i < 5; i++) lms.add(new FaceDetection.Landmark(a.get(5 + 2 * i).asDouble(), a.get(6 + 2 * i).asDouble()));
                faces.add(new FaceDetection(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble(),
                        a.get(4).asDouble(), lms));
            }
        }
        return new ImageCheck(n.get("path").asText(), n.get("size").asLong(), n.get("mtime").asLong(),
                n.hasNonNull("sha256") ? n.get("sha256").asText() : null, n.get("w").asInt(), n.get("h").asInt(),
                n.hasNonNull("error") ? n.get("error").asText() : null, detector, faces,
                n.hasNonNull("fp") ? Fingerprint.decode(n.get("fp").asText()) : null);
    }
}
