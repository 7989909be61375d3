package org.ferworkbench.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was computed from a source image's content, kept by the image's SHA-256 under a key that names how it was
 * computed (detector parameters, model hashes), so a re-export and the app reuse it and a changed setting or model
 * never reuses a stale value. On disk: one append-only JSON-lines file per key (one short line per image, appended in
 * batches, so a crash costs at most the batch being written; a torn last line is skipped on reading). Loaded per key on
 * first use. Thread-safe. A null directory keeps everything in memory.
 *
 * <p>A shared cache (a folder on a cluster's shared storage that many nodes use at once) gives every process a file of
 * its own to append to ({@code <prefix><hash>.<writer>.jsonl}), as appends from several machines to one file over NFS
 * may interleave or overwrite each other; reading takes the lines of all the key's files.
 *
 * @param <V> the value kept per image
 */
public final class KeyedLineCache<V> {
    /** How a value is written into, and read back from, its line (which already holds "sha256" and the key). */
    public interface Codec<V> {
        void write(ObjectNode line, V value);

        /** @throws RuntimeException for a line it cannot read (skipped, like a torn line) */
        V read(JsonNode line);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String filePrefix;
    private final String keyField;
    private final Codec<V> codec;
    private final Map<String, Map<String, V>> byKey = new ConcurrentHashMap<>();
    /** This process's part of a shared cache ("<pid>-<random>"), or null for the single file of a private one. */
    private final String writer;

    /**
     * @param filePrefix the files are {@code <prefix><12 hex digits of the key's SHA-256>.jsonl}
     * @param keyField   the name of the key in each line
     */
    public KeyedLineCache(Path directory, String filePrefix, String keyField, Codec<V> codec) {
        this(directory, filePrefix, keyField, codec, false);
    }

    /** @param shared whether other processes, perhaps on other machines, write to the folder at the same time */
    public KeyedLineCache(Path directory, String filePrefix, String keyField, Codec<V> codec, boolean shared) {
        this.writer = shared ? ProcessHandle.current().pid() + "-"
                + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16) : null;
        this.directory = directory;
        this.filePrefix = filePrefix;
        this.keyField = keyField;
        this.codec = codec;
    }

    public boolean inMemory() {
        return directory == null;
    }

    public Optional<V> get(String sha256, String key) {
        return Optional.ofNullable(entries(key).get(sha256));
    }

    public int size(String key) {
        return entries(key).size();
    }

    /** Stores many at once: the new ones reach the file in a single append (one open and write per batch). */
    public void putAll(String key, Map<String, V> bySha256) {
        Map<String, V> map = entries(key);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, V> e : bySha256.entrySet()) {
            if (map.putIfAbsent(e.getKey(), e.getValue()) == null && directory != null) {
                ObjectNode line = JSON.createObjectNode();
                line.put("sha256", e.getKey());
                line.put(keyField, key);
                codec.write(line, e.getValue());
                lines.append(line).append('\n');
            }
        }
        if (lines.length() == 0) return;
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(writer == null ? file(key) : part(key),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the cache is an optimisation: a read-only home only costs computing it again next time
        }
    }

    private Map<String, V> entries(String key) {
        return byKey.computeIfAbsent(key, this::load);
    }

    private Path file(String key) {
        return directory.resolve(stem(key) + ".jsonl");
    }

    private Path part(String key) {
        return directory.resolve(stem(key) + "." + writer + ".jsonl");
    }

    private String stem(String key) {
        return filePrefix + Hashes.sha256(key).substring(0, 12);
    }

    /** The key's file and every process's part of it (a shared cache's), in a fixed order. */
    private java.util.List<Path> files(String key) throws IOException {
        String stem = stem(key);
        try (java.util.stream.Stream<Path> all = Files.list(directory)) {
            return all.filter(p -> {
                String n = p.getFileName().toString();
                return n.equals(stem + ".jsonl") || (n.startsWith(stem + ".") && n.endsWith(".jsonl"));
            }).sorted().toList();
        }
    }

    private Map<String, V> load(String key) {
        Map<String, V> map = new ConcurrentHashMap<>();
        if (directory == null || !Files.isDirectory(directory)) return map;
        java.util.List<Path> files;
        try {
            files = files(key);
        } catch (IOException e) {
            return map;
        }
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    try {
                        JsonNode n = JSON.readTree(line);
                        if (!key.equals(n.path(keyField).asText())) continue;
                        map.putIfAbsent(n.path("sha256").asText(), codec.read(n));
                    } catch (IOException | RuntimeException e) {
                        // a torn last line after a crash (or a line another node is still writing): skip it
                    }
                }
            } catch (IOException e) {
                // an unreadable part costs computing its values again
            }
        }
        return map;
    }
}
