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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagedFolderTest {
    @TempDir
    Path tmp;

    private List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void finish(StagedFolder f) throws Exception {
        for (String n : List.of("x_train.npy", "x_test.npy", "y_train.npy", "y_test.npy", "classes.json", "config.json",
                "manifest.csv", "summary.json")) {
            Files.writeString(f.path().resolve(n), n);
        }
        f.commit("test");
    }

    @Test
    void aCommittedExportIsMarkedLastAndCarriesNoStagingTraces() throws Exception {
        Path out = tmp.resolve("out");
        try (StagedFolder f = StagedFolder.create(out, false, List.of())) {
            assertThat(f.path().getFileName().toString()).matches("\\.out\\.partial-[0-9a-f]{8}");
            assertThat(f.path().resolve(StagedFolder.OWNER)).exists();
            assertThat(tmp.resolve(".out.lock")).exists();
            finish(f);
        }
        assertThat(names(out)).contains(ExportFolder.MARKER).doesNotContain(StagedFolder.OWNER);
        assertThat(ExportFolder.isExport(out)).isTrue();
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void namesWithGlobAndRegexCharactersTouchNothingElse() throws Exception {
        // before, leftovers were found with a glob built from the name: 'x*' matched every hidden '.x…' folder
        Path unrelated = Files.createDirectories(tmp.resolve(".xyz.partial-12345678"));
        Files.writeString(unrelated.resolve(StagedFolder.OWNER), "someone else's");
        Path other = Files.createDirectories(tmp.resolve(".x-other.old-abcdef01"));
        for (String name : List.of("x*", "x{a", "x[1]", "x?")) {
            Path out = tmp.resolve(name);
            try (StagedFolder f = StagedFolder.create(out, false, List.of())) {
                finish(f);
            }
            assertThat(ExportFolder.isExport(out)).as(name).isTrue();
        }
        assertThat(unrelated).exists();
        assertThat(other).exists();
    }

    @Test
    void leftoversOfKilledRunsAreRemovedOnlyWhenTheyAreOurs() throws Exception {
        Path out = tmp.resolve("out");
        Path ours = Files.createDirectories(tmp.resolve(".out.partial-0badf00d"));
        Files.writeString(ours.resolve(StagedFolder.OWNER), "x");
        Files.writeString(ours.resolve("x_train.npy"), "half");
        Path notOurs = Files.createDirectories(tmp.resolve(".out.partial-00000001"));  // no owner file
        Path wrongName = Files.createDirectories(tmp.resolve(".out.partial-0BADF00D"));
        Files.writeString(wrongName.resolve(StagedFolder.OWNER), "x");
        List<String> said = StagedFolder.cleanUpAfterInterruptedRuns(out);
        assertThat(said).singleElement().satisfies(s -> assertThat(s).contains(ours.toString()).contains("interrupted run"));
        assertThat(ours).doesNotExist();
        assertThat(notOurs).exists();
        assertThat(wrongName).exists();
    }

    @Test
    void anEarlierExportMovedAsideByAKilledCommitIsRestored() throws Exception {
        Path out = tmp.resolve("out");
        try (StagedFolder f = StagedFolder.create(out, false, List.of())) {
            finish(f);
        }
        // killed between the two renames of a later commit: only the swapped-out copy is left
        Path aside = tmp.resolve(".out.old-12ab34cd");
        Files.move(out, aside);
        try (StagedFolder f = StagedFolder.create(out, true, List.of())) {
            assertThat(f.cleanedUp()).singleElement().satisfies(s -> assertThat(s).startsWith("Restored the earlier export"));
            assertThat(ExportFolder.isExport(out)).isTrue();
        }
        assertThat(aside).doesNotExist();
        assertThat(ExportFolder.isExport(out)).as("closed without commit: the earlier export stays").isTrue();
    }

    @Test
    void aSecondExportToTheSameFolderIsRefusedAtOnce() throws Exception {
        Path out = tmp.resolve("out");
        try (StagedFolder first = StagedFolder.create(out, false, List.of())) {
            assertThatThrownBy(() -> StagedFolder.create(out, false, List.of()))
                    .isInstanceOf(OutputRefusedException.class)
                    .hasMessageStartingWith("Another export is writing to " + out);
            assertThat(StagedFolder.cleanUpAfterInterruptedRuns(out)).as("a running export is not a leftover").isEmpty();
            assertThat(first.path()).exists();
        }
        try (StagedFolder again = StagedFolder.create(out, false, List.of())) {
            assertThat(again.path()).exists();
        }
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void aFileOfTheUsersThatHappensToHaveTheLocksNameIsKept() throws Exception {
        Path mine = Files.writeString(tmp.resolve(".out.lock"), "my notes");
        try (StagedFolder f = StagedFolder.create(tmp.resolve("out"), false, List.of())) {
            finish(f);
        }
        assertThat(mine).hasContent("my notes");
    }

    @Test
    void theTargetIsCheckedAgainAtCommit() throws Exception {
        Path out = tmp.resolve("out");
        try (StagedFolder f = StagedFolder.create(out, false, List.of())) {
            finish(f);
        }
        try (StagedFolder f = StagedFolder.create(out, true, List.of())) {
            Files.writeString(out.resolve("notes.txt"), "written into the old export while the new one ran");
            assertThatThrownBy(() -> finish(f)).isInstanceOf(OutputRefusedException.class)
                    .hasMessageContaining("changed while exporting").hasMessageContaining("notes.txt");
        }
        assertThat(out.resolve("notes.txt")).hasContent("written into the old export while the new one ran");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void anExportFolderWhoseNameIsNotUtf8IsStagedLockedAndReplacedByItsBytes() throws Exception {
        OddNames.assumeRawNames(tmp);
        // the shell makes the name (Java cannot from a String), then the folder goes again: only its Path is kept
        assertThat(OddNames.write(tmp, "set\\377-export/.keep", new byte[0])).isTrue();
        Path raw = OddNames.listed(tmp, "set\\xff-export");
        Files.delete(raw.resolve(".keep"));
        Files.delete(raw);
        try (StagedFolder f = StagedFolder.create(raw, false, List.of())) {
            assertThat(FileNames.of(f.path())).startsWith(".set\\xff-export.partial-");
            assertThat(OddNames.exists(tmp, ".set\\377-export.lock")).isTrue();
            finish(f);
        }
        try (StagedFolder f = StagedFolder.create(raw, true, List.of())) {
            Files.writeString(f.path().resolve("summary.json"), "new");
            finish(f);
        }
        assertThat(ExportFolder.isExport(raw)).isTrue();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(FileNames::of).toList()).containsExactly("set\\xff-export");
        }
    }
}
