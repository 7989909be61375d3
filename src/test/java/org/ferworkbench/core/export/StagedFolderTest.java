package org.ferworkbench.core.export;

import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.testing.OddNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StagedFolderTest {
    @TempDir
    Path tmp;

    private List<String> names() throws Exception {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.map(FileNames::of).sorted().toList();
        }
    }

    @Test
    void leftoversOfAnEarlierExportGoEvenWhenTheNameHoldsGlobCharacters() throws Exception {
        Files.createDirectories(tmp.resolve(".fer[2013-export.partial-1234abcd/x"));
        Files.createDirectories(tmp.resolve(".other.partial-1234abcd"));
        try (StagedFolder f = StagedFolder.create(tmp.resolve("fer[2013-export"), false)) {
            Files.writeString(f.path().resolve("a.txt"), "a");
            f.commit();
        }
        assertThat(names()).containsExactly(".other.partial-1234abcd", "fer[2013-export");
    }

    @Test
    void anExportFolderNamedFromADatasetTheLocaleCannotShowIsStagedAndReplacedByItsBytes() throws Exception {
        OddNames.assumeRawNames(tmp);
        assertThat(OddNames.write(tmp, "set\\377-export/old.txt", new byte[0])).isTrue();
        assertThat(OddNames.write(tmp, ".set\\377-export.partial-deadbeef/x", new byte[0])).isTrue();
        Path target = OddNames.listed(tmp, "set\\xff-export");
        try (StagedFolder f = StagedFolder.create(target, true)) {
            assertThat(FileNames.of(f.path())).startsWith(".set\\xff-export.partial-");
            Files.writeString(f.path().resolve("new.txt"), "new");
            f.commit();
        }
        assertThat(names()).containsExactly("set\\xff-export");
        assertThat(OddNames.exists(tmp, "set\\377-export/new.txt")).isTrue();
        assertThat(OddNames.exists(tmp, "set\\377-export/old.txt")).isFalse();

        Path cjk = FileNames.child(tmp, "表情-export");
        try (StagedFolder f = StagedFolder.create(cjk, false)) {
            f.commit();
        }
        assertThat(OddNames.exists(tmp, OddNames.escaped("表情-export"))).isTrue();
    }
}
