package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.OddNames;
import org.ferworkbench.testing.TestData;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DetectCommandTest {

    @TempDir
    Path tmp;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    /** detect with a detection cache of its own in memory, so every image is really detected. */
    static CliRun detectUncached(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DetectCommand(() -> new DetectionCache(null)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static byte[] grayPng(int w, int h) {
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 128);
        return new ImageCodec().encodePng(new RgbImage(w, h, px));
    }

    private static Path facesDir() {
        return Paths.get("").toAbsolutePath().resolve("../shared/data/faces").normalize();
    }

    @Test
    void folderKeysAreRelativePathsImagesOnlyHiddenSkippedErrorsRecorded() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(data.resolve("sub/deeper"));
        Files.createDirectories(data.resolve(".hiddendir"));
        Files.write(data.resolve("sub/deeper/gray.PNG"), grayPng(64, 48));
        Files.write(data.resolve(".hidden.png"), grayPng(20, 20));
        Files.write(data.resolve(".hiddendir/c.png"), grayPng(20, 20));
        Files.writeString(data.resolve("notes.txt"), "not an image");
        Files.write(data.resolve("broken.jpg"), new byte[] {1, 2, 3, 4, 5});
        boolean photos = Files.isDirectory(facesDir());
        if (photos) {
            Files.copy(facesDir().resolve("amy1.png"), data.resolve("sub/amy.png"));
            Files.copy(facesDir().resolve("happy.jpg"), data.resolve("happy.JPEG"));
        }
        Path json = tmp.resolve("out/detections.json");
        CliRun r = cli("detect", data.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("face(s)");

        JsonNode images = new ObjectMapper().readTree(json.toFile()).get("images");
        List<String> keys = new ArrayList<>();
        images.fieldNames().forEachRemaining(keys::add);
        if (photos) {
            assertThat(keys).containsExactly("broken.jpg", "happy.JPEG", "sub/amy.png", "sub/deeper/gray.PNG");
        } else {
            assertThat(keys).containsExactly("broken.jpg", "sub/deeper/gray.PNG");
        }
        assertThat(images.get("broken.jpg").get("error").asText()).isNotBlank();
        assertThat(images.get("broken.jpg").has("faces")).isFalse();
        JsonNode gray = images.get("sub/deeper/gray.PNG");
        assertThat(gray.get("width").asInt()).isEqualTo(64);
        assertThat(gray.get("height").asInt()).isEqualTo(48);
        assertThat(gray.get("faces")).isEmpty();
        if (photos) {
            JsonNode amy = images.get("sub/amy.png");
            assertThat(amy.get("width").asInt()).isEqualTo(150);
            assertThat(amy.get("faces")).hasSize(1);
            JsonNode face = amy.get("faces").get(0);
            assertThat(face.get("box")).hasSize(4);
            assertThat(face.get("prob").asDouble()).isBetween(0.7, 1.0);
            assertThat(face.get("landmarks")).hasSize(5);
            assertThat(face.get("landmarks").get(0)).hasSize(2);
            double x1 = face.get("box").get(0).asDouble(), x2 = face.get("box").get(2).asDouble();
            assertThat(face.get("landmarks").get(0).get(0).asDouble()).isBetween(x1, x2);
            assertThat(images.get("happy.JPEG").get("faces")).hasSize(1);
        }
        try (Stream<Path> s = Files.list(json.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("detections.json");   // no temp file left
        }
    }

    @Test
    void aFileArgumentIsKeyedByItsNameAndOptionsAreApplied() throws Exception {
        Path img = Files.write(Files.createDirectories(tmp.resolve("a/b")).resolve("one.png"), grayPng(30, 40));
        Path json = tmp.resolve("d.json");
        CliRun r = cli("detect", img.toString(), "--json", json.toString(), "--min-face", "40",
                "--thresholds", "0.5,0.6,0.7", "--factor", "0.5", "--batch", "16");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).as("an old script's --batch is accepted and said to do nothing").contains("--batch no longer has an effect");
        JsonNode images = new ObjectMapper().readTree(json.toFile()).get("images");
        assertThat(images.get("one.png").get("height").asInt()).isEqualTo(40);
    }

    @Test
    void badArgumentsExitWith2() throws Exception {
        Path json = tmp.resolve("d.json");
        CliRun missing = cli("detect", tmp.resolve("nope").toString(), "--json", json.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope");
        assertThat(json).doesNotExist();
        Path img = Files.write(tmp.resolve("x.png"), grayPng(30, 30));
        assertThat(cli("detect", img.toString()).code()).isEqualTo(2);                                // no --json
        assertThat(cli("detect", "--json", json.toString()).code()).isEqualTo(2);                     // no input
        assertThat(cli("detect", img.toString(), "--json", json.toString(), "--thresholds", "0.5,0.6").code()).isEqualTo(2);
        assertThat(cli("detect", img.toString(), "--json", json.toString(), "--factor", "1.5").code()).isEqualTo(2);
        assertThat(cli("detect", img.toString(), "--json", json.toString(), "--min-face", "0").code()).isEqualTo(2);
        assertThat(json).doesNotExist();
    }

    @Test
    void foldersWithNamesTheLocaleCannotShowAreKeyedByTheirEscapedNames() throws Exception {
        Path data = OddNames.dataset(tmp.resolve("data"));
        Path other = tmp.resolve("other");
        assertThat(OddNames.write(other, OddNames.escaped("joy/é.jpg"), grayPng(20, 20))).isTrue();
        List<DetectCommand.Entry> entries = DetectCommand.collect(List.of(data, other));
        List<String> expected = new ArrayList<>(OddNames.IMAGES);
        expected.add(other + "/joy/é.jpg");   // the same key from a second folder: keyed by the folder as given
        assertThat(entries).extracting(DetectCommand.Entry::key).containsExactlyElementsOf(expected);
        for (DetectCommand.Entry e : entries) {
            assertThat(Files.readAllBytes(e.file())).as("%s is read through the walked path", e.key()).isNotEmpty();
        }
    }

    @Test
    void theJsonIsByteIdenticalWithOneAndTwoThreadsAndUnreadableFilesGetAnError() throws Exception {
        Path faces = TestData.sharedDataOrSkip("faces");
        Path extra = Files.createDirectories(tmp.resolve("extra"));
        Files.write(extra.resolve("broken.jpg"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(extra.resolve("text.png"), "not an image");
        Path one = tmp.resolve("one.json");
        Path two = tmp.resolve("two.json");
        CliRun r1 = detectUncached(faces.toString(), extra.toString(), "--json", one.toString(), "--threads", "1");
        CliRun r2 = detectUncached(faces.toString(), extra.toString(), "--json", two.toString(), "--threads", "2");
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(Files.readAllBytes(two)).as("detect --threads 2 against --threads 1").isEqualTo(Files.readAllBytes(one));

        JsonNode images = new ObjectMapper().readTree(one.toFile()).get("images");
        assertThat(images.size()).isGreaterThan(30);
        int found = 0;
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) images::fields) {
            if (e.getValue().has("faces")) found += e.getValue().get("faces").size();
        }
        assertThat(found).as("faces in the shared photos").isGreaterThan(30);
        for (String broken : List.of("broken.jpg", "text.png")) {
            assertThat(images.get(broken).get("error").asText()).as(broken).isNotBlank();
            assertThat(images.get(broken).has("faces")).isFalse();
        }
        assertThat(r1.out()).contains("2 unreadable");
    }

    @Test
    void threadsBelowOneAreRefused() throws Exception {
        Path img = Files.write(tmp.resolve("x.png"), grayPng(30, 30));
        Path json = tmp.resolve("d.json");
        CliRun r = cli("detect", img.toString(), "--json", json.toString(), "--threads", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threads");
        assertThat(json).doesNotExist();
    }
}
