package org.ferworkbench.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.ferworkbench.core.dataset.SkippedFile;
import org.ferworkbench.core.report.PlannedCounts;
import org.ferworkbench.core.report.SummaryFacts;
import org.ferworkbench.core.storage.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A shard's shard.json: which part of which export it holds, and everything of the plan the merge needs to write
 * the export without the dataset (the summary's facts, the per-class counts, the manifest's groups, the config).
 *
 * @param fingerprint SHA-256 of the plan below without the dataset's path (nodes may mount it in different places): the
 *                    shards of one export have the same
 * @param listing     what was read ({@code PlannedExport.listing()}): the same dataset gives the same
 * @param settings    SHA-256 of the config
 * @param fromBlock   the first of this shard's render blocks; {@code toBlock} the end
 * @param items       records in rows.bin (rendered rows, then the last shard's rows of files without one)
 * @param bytes       size of rows.bin; {@code sha256} its content's hash
 */
public record ShardHeader(String format, int formatVersion, String tool, int shard, int shards, String fingerprint,
                          String listing, String settings, int blocks, int fromBlock, int toBlock, int jobs, long items,
                          long bytes, String sha256, Plan plan) {
    static final String FORMAT = "fer-workbench shard";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** For fingerprints: map keys sorted, so equal plans hash equally whatever order their maps were filled in. */
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * The plan as every shard of an export computes it.
     *
     * @param config          the settings, as config.json holds them
     * @param planClasses     the plan's per-class objects, as summary.json holds them
     * @param duplicateGroups the plan's groups, as summary.json holds them
     * @param groupOf         the group of each grouped source (the manifest's last column)
     * @param bounds          the first block of each shard, and the end (see {@link ShardPartition})
     */
    public record Plan(String dataset, JsonNode config, List<String> classNames, String faceStage, int sources,
                       Object planClasses, Object duplicateGroups, List<SkippedFile> skipped, List<String> notes,
                       List<String> unknownRejections, List<PlannedCounts> counts, Map<String, Integer> groupOf,
                       int[] bounds) {
        SummaryFacts facts() {
            return new SummaryFacts(dataset, faceStage, sources, planClasses, duplicateGroups, skipped, notes, unknownRejections);
        }

        /** SHA-256 of the plan, the dataset's path left out. */
        String fingerprint() {
            Plan anywhere = new Plan("", config, classNames, faceStage, sources, planClasses, duplicateGroups, skipped, notes,
                    unknownRejections, counts, groupOf, bounds);
            try {
                return Hashes.sha256(CANONICAL.writeValueAsString(anywhere));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The same header without its plan (what the merge keeps of every shard but one). */
    ShardHeader withoutPlan() {
        return new ShardHeader(format, formatVersion, tool, shard, shards, fingerprint, listing, settings, blocks, fromBlock,
                toBlock, jobs, items, bytes, sha256, null);
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    static ShardHeader read(Path file) throws IOException {
        try {
            ShardHeader h = JSON.readValue(Files.readAllBytes(file), ShardHeader.class);
            if (!FORMAT.equals(h.format())) throw new IOException("it is not a shard description");
            return h;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("it is not a shard description this version can read (" + e.getOriginalMessage() + ")");
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
