package org.ferworkbench.ui.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.ferworkbench.core.curation.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workbench remembers between runs, per user (preferences.json in the home folder): window geometry and
 * layout, theme, recent datasets and where each dataset was last exported. A damaged file is replaced by defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class UiPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final int MAX_RECENT = 8;

    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1280;
    public double windowHeight = 800;
    public boolean maximized;
    public Map<String, double[]> dividers = new LinkedHashMap<>();
    public String theme = "light";
    public List<String> recentDatasets = new ArrayList<>();
    public Map<String, String> exportFolders = new LinkedHashMap<>();

    public static Path file(Path home) {
        return home.resolve("preferences.json");
    }

    public static UiPreferences load(Path home) {
        Path f = file(home);
        if (!Files.exists(f)) return new UiPreferences();
        try {
            UiPreferences p = JSON.readValue(f.toFile(), UiPreferences.class);
            if (p.recentDatasets == null) p.recentDatasets = new ArrayList<>();
            if (p.dividers == null) p.dividers = new LinkedHashMap<>();
            if (p.exportFolders == null) p.exportFolders = new LinkedHashMap<>();
            return p;
        } catch (IOException e) {
            LOG.warn("ignoring unreadable preferences {}: {}", f, e.getMessage());
            return new UiPreferences();
        }
    }

    public synchronized void save(Path home) throws IOException {
        AtomicFiles.write(file(home), JSON.writeValueAsBytes(this));
    }

    /** Moves a dataset to the top of the recent list. */
    public synchronized void addRecent(Path dataset) {
        String p = dataset.toAbsolutePath().normalize().toString();
        recentDatasets.remove(p);
        recentDatasets.add(0, p);
        while (recentDatasets.size() > MAX_RECENT) recentDatasets.remove(recentDatasets.size() - 1);
    }

    public synchronized void removeRecent(Path dataset) {
        recentDatasets.remove(dataset.toAbsolutePath().normalize().toString());
    }

    public synchronized UiPreferences copy() {
        UiPreferences c = new UiPreferences();
        c.windowX = windowX;
        c.windowY = windowY;
        c.windowWidth = windowWidth;
        c.windowHeight = windowHeight;
        c.maximized = maximized;
        c.dividers = new LinkedHashMap<>(dividers);
        c.theme = theme;
        c.recentDatasets = new ArrayList<>(recentDatasets);
        c.exportFolders = new LinkedHashMap<>(exportFolders);
        return c;
    }
}
