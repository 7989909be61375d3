package org.ferworkbench.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.DuplicateHandling;
import org.ferworkbench.core.split.LabelConflicts;
import org.ferworkbench.core.split.SplitParameters;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicates in a dataset on disk: the export keeps each group on one side and says so in the manifest and summary. */
class DuplicateExportTest {
    @TempDir
    Path dir;

    /** anger and fear with 10 distinct images each, plus a byte copy, a lossless re-save and a copy in another class. */
    private Path datasetWithCopies() throws Exception {
        Path root = TestData.dataset(dir.resolve("data"), new TreeMap<>(Map.of("anger", 10, "fear", 10)), 32);
        Files.copy(root.resolve("anger/anger_000.jpg"), root.resolve("anger/zz_same_bytes.jpg"));
        var decoded = new ImageCodec().decode(Files.readAllBytes(root.resolve("anger/anger_001.jpg")));
        Files.write(root.resolve("anger/resaved.png"), TestData.png(decoded));
        Files.copy(root.resolve("fear/fear_002.jpg"), root.resolve("anger/copied_from_fear.jpg"));
        return root;
    }

    private Path export(Path root, String name, SplitParameters split, long seed) throws Exception {
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(16).withSeed(seed).withSplit(split);
        Path out = dir.resolve(name);
        PreparePipeline.withoutDetection().run(new PrepareRequest(root, out, false, config, 2, Set.of()),
                ProgressListener.NONE, new Cancellation());
        return out;
    }

    private static List<CSVRecord> manifest(Path out) throws Exception {
        try (Reader in = Files.newBufferedReader(out.resolve("manifest.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void everyGroupStaysOnOneSideAndIsNamedInManifestAndSummary() throws Exception {
        Path root = datasetWithCopies();
        for (long seed = 1; seed <= 6; seed++) {
            Path out = export(root, "out" + seed, SplitParameters.DEFAULTS, seed);
            Map<String, Set<String>> sidesByGroup = new HashMap<>();
            Map<String, String> groupBySource = new HashMap<>();
            for (CSVRecord r : manifest(out)) {
                if (r.get("group").isEmpty()) continue;
                sidesByGroup.computeIfAbsent(r.get("group"), g -> new HashSet<>()).add(r.get("split"));
                groupBySource.put(r.get("source"), r.get("group"));
            }
            assertThat(sidesByGroup).as("seed " + seed + ": three groups").hasSize(3);
            assertThat(sidesByGroup.values()).as("seed " + seed + ": no group on both sides").allMatch(s -> s.size() == 1);
            assertThat(groupBySource.get("anger/anger_000.jpg")).isEqualTo(groupBySource.get("anger/zz_same_bytes.jpg"));
            assertThat(groupBySource.get("anger/anger_001.jpg")).isEqualTo(groupBySource.get("anger/resaved.png"));
            assertThat(groupBySource.get("fear/fear_002.jpg")).isEqualTo(groupBySource.get("anger/copied_from_fear.jpg"));

            JsonNode groups = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("duplicate_groups");
            assertThat(groups).hasSize(3);
            JsonNode conflict = null;
            for (JsonNode g : groups) {
                assertThat(g.get("kind").asText()).isEqualTo("exact");
                assertThat(g.get("split").asText()).isIn("train", "test");
                if (g.get("classes").size() > 1) conflict = g;
            }
            assertThat(conflict).as("the copy across classes is a label conflict").isNotNull();
            assertThat(conflict.get("files").toString()).contains("anger/copied_from_fear.jpg", "fear/fear_002.jpg");
        }
    }

    @Test
    void labelConflictsCanBeLeftOut() throws Exception {
        Path root = datasetWithCopies();
        Path out = export(root, "out", new SplitParameters(0.25, null, DuplicateHandling.GROUP, 8, LabelConflicts.DROP), 3);
        List<CSVRecord> rows = manifest(out);
        for (String source : List.of("anger/copied_from_fear.jpg", "fear/fear_002.jpg")) {
            assertThat(rows).filteredOn(r -> r.get("source").equals(source)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.get("status")).isEqualTo("dropped");
                        assertThat(r.get("reason")).isEqualTo("label conflict: duplicates in anger, fear");
                        assertThat(r.get("index")).isEmpty();
                    });
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("duplicate_groups").toString()).contains("\"split\":\"dropped\"");
    }

    @Test
    void ignoringDuplicatesSplitsImageByImageAndCountsTheLeaks() throws Exception {
        Path root = datasetWithCopies();
        int straddled = 0;
        for (long seed = 1; seed <= 8; seed++) {
            SplitParameters ignore = SplitParameters.DEFAULTS.withDuplicates(DuplicateHandling.IGNORE);
            Path out = export(root, "ignore" + seed, ignore, seed);
            JsonNode groups = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("duplicate_groups");
            List<String> sides = new ArrayList<>();
            groups.forEach(g -> sides.add(g.get("split").asText()));
            straddled += (int) sides.stream().filter("both"::equals).count();
        }
        assertThat(straddled).as("over 8 seeds the plain split puts some group on both sides").isPositive();
    }
}
