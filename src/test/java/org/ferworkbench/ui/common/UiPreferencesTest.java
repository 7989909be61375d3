package org.ferworkbench.ui.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The preferences are written by databind and read back by the streaming parser (fast at start-up). */
class UiPreferencesTest {
    @TempDir
    Path home;

    @Test
    void whatIsSavedIsReadBack() throws Exception {
        UiPreferences p = new UiPreferences();
        p.windowX = 12.5;
        p.windowWidth = 1000;
        p.maximized = true;
        p.theme = "dark";
        p.dividers.put("main", new double[]{0.2, 0.7});
        p.addRecent(Path.of("/data/b"));
        p.addRecent(Path.of("/data/a"));
        p.exportFolders.put("/data/a", "/exports");
        p.save(home);

        UiPreferences back = UiPreferences.load(home);
        assertThat(back.windowX).isEqualTo(12.5);
        assertThat(back.windowY).isNaN();
        assertThat(back.windowWidth).isEqualTo(1000);
        assertThat(back.windowHeight).isEqualTo(800);
        assertThat(back.maximized).isTrue();
        assertThat(back.theme).isEqualTo("dark");
        assertThat(back.dividers.get("main")).containsExactly(0.2, 0.7);
        assertThat(back.recentDatasets).isEqualTo(List.of(Path.of("/data/a").toAbsolutePath().toString(),
                Path.of("/data/b").toAbsolutePath().toString()));
        assertThat(back.exportFolders).isEqualTo(Map.of("/data/a", "/exports"));
    }

    @Test
    void unknownFieldsAreSkippedAndADamagedFileGivesDefaults() throws Exception {
        Files.writeString(UiPreferences.file(home), "{\"later\": {\"x\": [1, {\"y\": 2}]}, \"theme\": \"dark\"}");
        assertThat(UiPreferences.load(home).theme).isEqualTo("dark");

        Files.writeString(UiPreferences.file(home), "{\"theme\": \"dark\", \"windowX\": ");
        UiPreferences damaged = UiPreferences.load(home);
        assertThat(damaged.theme).isEqualTo("light");
        assertThat(damaged.recentDatasets).isEmpty();
    }
}
