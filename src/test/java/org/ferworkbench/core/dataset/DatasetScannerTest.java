package org.ferworkbench.core.dataset;

import org.ferworkbench.testing.OddNames;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetScannerTest {
    @TempDir
    Path root;

    @Test
    void classesAreSortedFolderNamesWithLabelsInThatOrder() throws Exception {
        TestData.dataset(root, new TreeMap<>(Map.of("surprise", 2, "anger", 3, "fear", 1)), 16);
        Dataset d = new DatasetScanner().scan(root);
        assertThat(d.classNames()).containsExactly("anger", "fear", "surprise");
        assertThat(d.samples()).extracting(Sample::label).containsExactly(0, 0, 0, 1, 2, 2);
        assertThat(d.samples().get(0).relativePath()).isEqualTo("anger/anger_000.jpg");
        assertThat(d.countsByClass()).containsExactly(Map.entry("anger", 3), Map.entry("fear", 1), Map.entry("surprise", 2));
    }

    @Test
    void everythingNotUsedIsListedWithAReason() throws Exception {
        TestData.dataset(root, Map.of("anger", 2, "joy", 2), 16);
        Files.writeString(root.resolve("README.txt"), "stray");
        Files.writeString(root.resolve("anger/.DS_Store"), "hidden");
        Files.writeString(root.resolve("anger/notes.txt"), "text");
        Files.createDirectories(root.resolve("anger/more"));
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve(".git"));

        Dataset d = new DatasetScanner().scan(root);

        assertThat(d.classNames()).containsExactly("anger", "joy");
        assertThat(d.samples()).hasSize(4);
        Map<String, String> reasons = new TreeMap<>();
        d.skipped().forEach(s -> reasons.put(s.relativePath(), s.reason()));
        assertThat(reasons).containsOnlyKeys("README.txt", "anger/.DS_Store", "anger/notes.txt", "anger/more", "empty/", ".git");
        assertThat(reasons.get("README.txt")).contains("dataset root");
        assertThat(reasons.get("anger/.DS_Store")).contains("hidden");
        assertThat(reasons.get("anger/notes.txt")).contains("not an image").contains(".txt");
        assertThat(reasons.get("anger/more")).contains("nested");
        assertThat(reasons.get("empty/")).contains("no images");
    }

    @Test
    void clearErrorsForFoldersThatAreNotDatasets() throws Exception {
        DatasetScanner scanner = new DatasetScanner();
        assertThatThrownBy(() -> scanner.scan(root.resolve("missing"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not exist");
        Path file = Files.writeString(root.resolve("file.jpg"), "x");
        assertThatThrownBy(() -> scanner.scan(file)).hasMessageContaining("Not a folder");
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> scanner.scan(empty)).hasMessageContaining("No class folders");
        Path wrapper = root.resolve("wrapper");
        TestData.dataset(wrapper.resolve("inner"), Map.of("anger", 1), 16);
        assertThatThrownBy(() -> scanner.scan(wrapper)).hasMessageContaining("did you mean").hasMessageContaining("inner");
    }

    @Test
    void namesTheLocaleCannotShowAreListedReadableAndEscaped() throws Exception {
        OddNames.dataset(root);
        Dataset d = new DatasetScanner().scan(root);
        assertThat(d.classNames()).containsExactly("joy", "sad", OddNames.CJK_CLASS);
        assertThat(d.samples()).extracting(Sample::relativePath).containsExactlyElementsOf(OddNames.IMAGES);
        assertThat(d.samples()).extracting(Sample::label).containsExactly(0, 0, 0, 1, 1, 1, 2, 2);
        for (Sample s : d.samples()) {
            assertThat(Files.readAllBytes(s.file())).as("%s is read through its listed path", s.relativePath()).isNotEmpty();
        }
        assertThat(d.samples().get(5).fileName()).isEqualTo("sad\\xff.jpg");
        assertThat(d.skipped()).extracting(SkippedFile::relativePath).containsExactlyElementsOf(OddNames.NOT_IMAGES);
        assertThat(d.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("not an image"));
    }
}
