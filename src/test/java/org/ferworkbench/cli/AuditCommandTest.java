package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTest {
    @TempDir
    Path tmp;

    /** The ImageFolder layout: train/ and test/ with class folders of distinct images. */
    private Path splitFolders() throws Exception {
        Path root = tmp.resolve("split");
        TestData.dataset(root.resolve("train"), new TreeMap<>(Map.of("anger", 6, "fear", 6)), 32);
        Path test = root.resolve("test");
        for (String c : new String[] {"anger", "fear"}) {
            Path dir = Files.createDirectories(test.resolve(c));
            for (int i = 0; i < 3; i++) {
                Files.write(dir.resolve("t" + i + ".jpg"), TestData.jpeg(TestData.image(32, 32, 1000 + 10L * c.length() + i)));
            }
        }
        return root;
    }

    @Test
    void aCleanSplitExitsZeroAndALeakOne() throws Exception {
        Path root = splitFolders();
        CliRun clean = CliRun.of("audit", root.toString());
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("Checked 18 images (train 12, test 6)").contains("Clean");

        Files.copy(root.resolve("train/anger/anger_002.jpg"), root.resolve("test/fear/renamed.jpg"));
        CliRun leak = CliRun.of("audit", root.toString(), "--json");
        assertThat(leak.code()).isEqualTo(AuditCommand.LEAKS);
        JsonNode json = new ObjectMapper().readTree(leak.out());
        assertThat(json.get("straddling").asInt()).isEqualTo(1);
        assertThat(json.get("clean").asBoolean()).isFalse();
        JsonNode g = json.get("groups").get(0);
        assertThat(g.get("files").toString()).contains("train/anger/anger_002.jpg", "test/fear/renamed.jpg");
        assertThat(g.get("splits").toString()).isEqualTo("[\"train\",\"test\"]");
        assertThat(g.get("classes").size()).as("a label conflict too").isEqualTo(2);
    }

    @Test
    void aFolderThatIsNoSplitIsBadInput() throws Exception {
        Path nothing = Files.createDirectories(tmp.resolve("nothing/train"));
        CliRun r = CliRun.of("audit", nothing.getParent().toString());
        assertThat(r.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(r.err()).contains("neither an export of FER Workbench").contains("train/ and test/");
    }

    @Test
    void anExportIsAuditedAgainstItsDataset() throws Exception {
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 8, "fear", 8)), 32);
        for (int i = 0; i < 4; i++) Files.copy(data.resolve("anger/anger_00" + i + ".jpg"), data.resolve("anger/copy" + i + ".jpg"));
        int leaks = 0;
        for (int seed = 1; seed <= 4; seed++) {
            Path grouped = tmp.resolve("grouped" + seed);
            assertThat(CliRun.of("prepare", data.toString(), "--out", grouped.toString(), "--no-detect", "--size", "16",
                    "--seed", Integer.toString(seed)).code()).isZero();
            CliRun audit = CliRun.of("audit", grouped.toString());
            assertThat(audit.code()).as("seed " + seed + ": prepare keeps copies together: " + audit.out()).isZero();
            assertThat(audit.out()).contains("4 group(s) of duplicates, 0 straddle");

            Path ignored = tmp.resolve("ignored" + seed);
            assertThat(CliRun.of("prepare", data.toString(), "--out", ignored.toString(), "--no-detect", "--size", "16",
                    "--seed", Integer.toString(seed), "--duplicates", "ignore").code()).isZero();
            if (CliRun.of("audit", ignored.toString()).code() == AuditCommand.LEAKS) leaks++;
        }
        assertThat(leaks).as("the plain split leaks for some seed; the audit sees it").isPositive();
    }
}
