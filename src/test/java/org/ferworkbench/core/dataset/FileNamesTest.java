package org.ferworkbench.core.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ferworkbench.testing.ChildJvm;
import org.ferworkbench.testing.OddNames;
import org.ferworkbench.testing.Python;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTest {
    @TempDir
    Path tmp;

    private static String decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return FileNames.decode(b);
    }

    @Test
    void validUtf8IsTheTextItselfAndEveryOtherByteIsEscaped() {
        assertThat(FileNames.decode("é表情😀.jpg".getBytes(StandardCharsets.UTF_8))).isEqualTo("é表情😀.jpg");
        assertThat(decode('a', 0xFF, 'b')).isEqualTo("a\\xffb");
        assertThat(decode(0xC3, 0xA9, 0xFE)).as("a bad byte after a good letter").isEqualTo("é\\xfe");
        assertThat(decode('x', 0xE8, 0xA1)).as("a sequence cut short at the end").isEqualTo("x\\xe8\\xa1");
        assertThat(decode(0xE8, 0xA1, 'x')).as("a sequence cut short by ASCII").isEqualTo("\\xe8\\xa1x");
        assertThat(decode(0xC0, 0xAF)).as("overlong '/'").isEqualTo("\\xc0\\xaf");
        assertThat(decode(0xED, 0xA0, 0x80)).as("an encoded surrogate").isEqualTo("\\xed\\xa0\\x80");
        assertThat(decode(0xF4, 0x90, 0x80, 0x80)).as("beyond U+10FFFF").isEqualTo("\\xf4\\x90\\x80\\x80");
        assertThat(decode('a', '\\', 'x', 'f', 'f')).as("a backslash in the name stays as it is").isEqualTo("a\\xff");
        assertThat(FileNames.decode(new byte[0])).isEmpty();
    }

    @Test
    void escapesExactlyAsPythonsBackslashreplace() throws Exception {
        Assumptions.assumeTrue(Python.has("json"), "skipped: python3 is not installed");
        // random names built from the bytes that matter to UTF-8: ASCII, continuation, lead bytes, never-valid bytes
        int[] pool = {'a', '.', '\\', 0x7F, 0x80, 0x9F, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE8, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
        Random random = new Random(7);
        List<String> hex = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            byte[] b = new byte[random.nextInt(10)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) pool[random.nextInt(pool.length)];
            hex.add(HexFormat.of().formatHex(b));
            ours.add(FileNames.decode(b));
        }
        Path input = Files.write(tmp.resolve("names.txt"), hex);
        String out = Python.run("import json, sys\nfor line in open(sys.argv[1]):\n"
                + "    print(json.dumps(bytes.fromhex(line.strip()).decode('utf-8', 'backslashreplace')))\n", input.toString());
        ObjectMapper json = new ObjectMapper();
        List<String> python = new ArrayList<>();
        for (String line : out.split("\n")) python.add(json.readValue(line, String.class));
        assertThat(ours).isEqualTo(python);
    }

    @Test
    void listedNamesAreShownWhateverThisJvmsLocale() throws Exception {
        Path data = OddNames.dataset(tmp.resolve("data"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.filter(Files::isRegularFile).forEach(p -> names.add(FileNames.relative(data, p)));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expectedFiles());
        Path invalid = OddNames.listed(data.resolve("sad"), "sad\\xff.jpg");
        assertThat(FileNames.path(invalid)).isEqualTo(FileNames.path(data) + "/" + OddNames.INVALID_IMAGE);
        assertThat(Files.readAllBytes(invalid)).as("the listed path reads the file").isNotEmpty();
        assertThat(FileNames.of(Path.of("/"))).isEqualTo("/");
    }

    @Test
    void namesWrittenOutAreUtf8AndSiblingsKeepTheBytes() throws Exception {
        OddNames.assumeRawNames(tmp);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(FileNames.child(out, "é表情😀.txt"), "x");
        assertThat(OddNames.exists(out, OddNames.escaped("é表情😀.txt"))).isTrue();
        assertThat(OddNames.write(out, "w\\377", new byte[0])).isTrue();
        Path raw = OddNames.listed(out, "w\\xff");
        Files.createDirectory(FileNames.sibling(raw, ".", ".fer-workbench"));
        assertThat(OddNames.exists(out, ".w\\377.fer-workbench")).isTrue();
        assertThat(FileNames.sibling(out.resolve("plain"), "", "-export")).isEqualTo(out.resolve("plain-export"));
        assertThatThrownBy(() -> FileNames.child(out, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.child(out, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameNamesUnderTheCLocaleUtf8LocalesAndAnEmptyEnvironment() throws Exception {
        Path data = OddNames.dataset(tmp.resolve("data"));
        List<String> expected = new ArrayList<>();
        expectedFiles().forEach(f -> expected.add("file " + f));
        for (String c : List.of("joy", "sad", OddNames.CJK_CLASS)) expected.add("path /" + c);
        expected.sort(null);
        List<Map<String, String>> environments = List.of(Map.of("LC_ALL", "C"), Map.of("LC_ALL", "C.UTF-8"),
                Map.of("LC_ALL", "en_US.UTF-8"), Map.of());
        List<String> encodings = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            Path out = Files.createDirectories(tmp.resolve("out" + i));
            assertThat(OddNames.write(out, "w\\377", new byte[0])).isTrue();
            ChildJvm.Result r = ChildJvm.run(environments.get(i), FileNamesChild.class, data.toString(), out.toString());
            assertThat(r.code()).as("%s: %s", environments.get(i), r.describe()).isZero();
            List<String> lines = new ArrayList<>(r.out().lines().toList());
            encodings.add(lines.remove(0));
            assertThat(lines).as("environment %s", environments.get(i)).isEqualTo(expected);
            assertThat(OddNames.exists(out, OddNames.escaped("é表情😀.txt"))).as("%s", environments.get(i)).isTrue();
            assertThat(OddNames.exists(out, ".w\\377.fer-workbench")).as("%s", environments.get(i)).isTrue();
        }
        assertThat(encodings).as("LC_ALL=C and an empty environment name files in ASCII")
                .contains("jnu ANSI_X3.4-1968");
    }

    private static List<String> expectedFiles() {
        List<String> files = new ArrayList<>(OddNames.IMAGES);
        files.addAll(OddNames.NOT_IMAGES);
        files.sort(null);
        return files;
    }
}
