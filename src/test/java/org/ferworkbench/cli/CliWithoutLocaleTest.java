package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ferworkbench.testing.ChildJvm;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.OddNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in a fresh JVM started as cron, containers and SLURM jobs start it: with only LC_ALL=C, or
 * with no environment at all. Java then names files and prints in ASCII; a dataset with accented, CJK and emoji
 * names and names that are not UTF-8 must still be counted, listed with escapes, printed in UTF-8 and exported.
 */
class CliWithoutLocaleTest {
    @TempDir
    Path tmp;

    /** The jar's entry point (its manifest's Main-Class). */
    private static final String MAIN = "org.ferworkbench.Launcher";

    @Test
    void statsAndPrepareUnderTheCLocale() throws Exception {
        statsAndPrepare(Map.of("LC_ALL", "C"));
    }

    @Test
    void statsAndPrepareWithAnEmptyEnvironment() throws Exception {
        Path data = statsAndPrepare(Map.of());
        ChildJvm.Result json = ChildJvm.run(Map.of(), MAIN, "stats", data.toString(), "--json");
        assertThat(json.code()).as(json.describe()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("readable").asInt()).isEqualTo(OddNames.IMAGES.size());
        List<String> classes = new ArrayList<>();
        root.get("classes").forEach(c -> classes.add(c.get("name").asText()));
        assertThat(classes).containsExactly("joy", "sad", OddNames.CJK_CLASS);
        List<String> skipped = new ArrayList<>();
        root.get("skipped").forEach(s -> skipped.add(s.get("path").asText()));
        assertThat(skipped).containsExactlyElementsOf(OddNames.NOT_IMAGES);
    }

    @Test
    void printsUtf8OnlyWhereThePlatformWouldPrintAscii() {
        assertThat(ConsoleCharset.choose(StandardCharsets.US_ASCII)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleCharset.choose(StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleCharset.choose(StandardCharsets.ISO_8859_1)).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    /** Runs stats and prepare in that environment; returns the dataset. */
    private Path statsAndPrepare(Map<String, String> environment) throws Exception {
        Path data = OddNames.dataset(tmp.resolve("data"));
        int images = OddNames.IMAGES.size();

        ChildJvm.Result stats = ChildJvm.run(environment, MAIN, "stats", data.toString());
        assertThat(stats.code()).as(stats.describe()).isZero();
        assertThat(stats.out()).as(stats.describe())
                .containsPattern("total\\s+" + images + "\\s+" + images)   // every image found and readable
                .contains(OddNames.CJK_CLASS)
                .contains("joy/café.txt: not an image")
                .contains(OddNames.INVALID_NOT_IMAGE + ": not an image");

        Path out = tmp.resolve("out");
        ChildJvm.Result prepare = ChildJvm.run(environment, MAIN, "prepare", data.toString(), "--out", out.toString(),
                "--no-detect", "--balance", "none", "--format", "npy,png", "--size", "24", "--threads", "1");
        assertThat(prepare.code()).as(prepare.describe()).isZero();
        assertThat(prepare.out()).contains("Exported to").contains(OddNames.CJK_CLASS).contains(OddNames.INVALID_NOT_IMAGE);

        List<String> exported = new ArrayList<>();
        List<String> notExported = new ArrayList<>();
        try (var reader = Files.newBufferedReader(out.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                (r.get("status").equals("ok") ? exported : notExported).add(r.get("source"));
            }
        }
        assertThat(exported).containsExactlyInAnyOrderElementsOf(OddNames.IMAGES);
        assertThat(notExported).containsExactlyInAnyOrderElementsOf(OddNames.NOT_IMAGES);
        int rows = Arrays.stream(NpyFile.read(out.resolve("y_train.npy")).labelCounts()).sum()
                + Arrays.stream(NpyFile.read(out.resolve("y_test.npy")).labelCounts()).sum();
        assertThat(rows).as("one row per image (no balancing)").isEqualTo(images);
        assertThat(Files.readString(out.resolve("classes.json"))).contains("\"" + OddNames.CJK_CLASS + "\"");
        try (Stream<Path> pngs = Files.walk(out.resolve("png"))) {
            assertThat(pngs.filter(Files::isRegularFile).count()).isEqualTo(images);
        }
        // the CJK class folder of the PNG tree has that name in UTF-8 on disk
        assertThat(OddNames.exists(out, "png/train/" + OddNames.escaped(OddNames.CJK_CLASS))).isTrue();
        return data;
    }
}
