package org.ferworkbench.core.pipeline;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ferworkbench.core.curation.DecisionJournal;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A reviewer's "not duplicates" reaches the export: near copies among those images are no longer a group. */
class NotDuplicatesTest {
    @TempDir
    Path dir;

    @Test
    void nearCopiesMarkedAsNotDuplicatesAreSplitFreelyExactCopiesStayTogether() throws Exception {
        Path root = TestData.dataset(dir.resolve("data"), new TreeMap<>(Map.of("anger", 10, "fear", 10)), 48);
        ImageCodec codec = new ImageCodec();
        RgbImage original = codec.decode(Files.readAllBytes(root.resolve("anger/anger_003.jpg")));
        Files.write(root.resolve("fear/recompressed.jpg"), codec.encodeJpeg(original, 60));
        Files.copy(root.resolve("fear/fear_004.jpg"), root.resolve("anger/same_bytes.jpg"));

        Map<String, String> before = groups(export(root, "before", org.ferworkbench.core.plan.GroupDecisions.NONE));
        assertThat(before.get("anger/anger_003.jpg")).as("a recompressed copy is a near duplicate").isNotNull()
                .isEqualTo(before.get("fear/recompressed.jpg"));
        assertThat(before.get("fear/fear_004.jpg")).isNotNull().isEqualTo(before.get("anger/same_bytes.jpg"));

        // the review's word, as the app writes it, read by the command line's --decisions
        Path journal = dir.resolve("ws/decisions.jsonl");
        try (DecisionJournal j = DecisionJournal.open(journal)) {
            j.recordNotDuplicates(Set.of("anger/anger_003.jpg", "fear/recompressed.jpg"));
            j.recordNotDuplicates(Set.of("fear/fear_004.jpg", "anger/same_bytes.jpg"));
        }
        Map<String, String> after = groups(export(root, "after", DecisionJournal.read(journal).groups()));
        assertThat(after).doesNotContainKeys("anger/anger_003.jpg", "fear/recompressed.jpg");
        assertThat(after.get("fear/fear_004.jpg")).as("the same bytes are a duplicate whatever the review says").isNotNull()
                .isEqualTo(after.get("anger/same_bytes.jpg"));
    }

    private Path export(Path root, String name, org.ferworkbench.core.plan.GroupDecisions decisions) throws Exception {
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(16);
        Path out = dir.resolve(name);
        PreparePipeline.withoutDetection().run(new PrepareRequest(root, out, false, config, 2, Set.of())
                .withGroups(decisions), ProgressListener.NONE, new Cancellation());
        return out;
    }

    /** The group id of every source in a group, from the manifest. */
    private static Map<String, String> groups(Path out) throws Exception {
        Map<String, String> groups = new HashMap<>();
        try (Reader in = Files.newBufferedReader(out.resolve("manifest.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (!r.get("group").isEmpty()) groups.put(r.get("source"), r.get("group"));
            }
        }
        return groups;
    }
}
