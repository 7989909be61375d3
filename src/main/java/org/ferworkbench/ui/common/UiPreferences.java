package org.ferworkbench.ui.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.ferworkbench.core.storage.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
    /** Writing only, in the background: databind's first use costs half a second of class loading. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
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

    /**
     * A path saved in this file, or null when this JVM cannot name it: one saved under a UTF-8 locale with an
     * accented or CJK name cannot be named under LC_ALL=C, where Java names files in ASCII (see FileNames), and
     * must not stop the app from starting.
     */
    public static Path savedPath(String saved) {
        try {
            return Path.of(saved);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Reads the file with Jackson's streaming parser rather than databind: this runs before the first window, and
     * the parser costs a few milliseconds where databind's first use costs half a second. Unknown fields are skipped.
     */
    public static UiPreferences load(Path home) {
        Path f = file(home);
        if (!Files.exists(f)) return new UiPreferences();
        try (JsonParser in = new JsonFactory().createParser(f.toFile())) {
            UiPreferences p = new UiPreferences();
            expect(in.nextToken(), JsonToken.START_OBJECT);
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                switch (name) {
                    case "windowX" -> p.windowX = number(in);
                    case "windowY" -> p.windowY = number(in);
                    case "windowWidth" -> p.windowWidth = number(in);
                    case "windowHeight" -> p.windowHeight = number(in);
                    case "maximized" -> p.maximized = value == JsonToken.VALUE_TRUE;
                    case "theme" -> p.theme = value == JsonToken.VALUE_NULL ? p.theme : in.getText();
                    case "recentDatasets" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (in.nextToken() != JsonToken.END_ARRAY) p.recentDatasets.add(in.getText());
                        }
                    }
                    case "exportFolders" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (in.nextToken() == JsonToken.FIELD_NAME) {
                                String key = in.currentName();
                                in.nextToken();
                                p.exportFolders.put(key, in.getText());
                            }
                        }
                    }
                    case "dividers" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (in.nextToken() == JsonToken.FIELD_NAME) {
                                String key = in.currentName();
                                expect(in.nextToken(), JsonToken.START_ARRAY);
                                List<Double> positions = new ArrayList<>();
                                while (in.nextToken() != JsonToken.END_ARRAY) positions.add(number(in));
                                p.dividers.put(key, positions.stream().mapToDouble(Double::doubleValue).toArray());
                            }
                        }
                    }
                    default -> in.skipChildren();
                }
            }
            return p;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable preferences {}: {}", f, e.getMessage());
            return new UiPreferences();
        }
    }

    private static void expect(JsonToken token, JsonToken wanted) throws IOException {
        if (token != wanted) throw new IOException("expected " + wanted + ", found " + token);
    }

    /** A number; databind writes NaN (a window never placed) as the string "NaN". */
    private static double number(JsonParser in) throws IOException {
        return switch (in.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> in.getDoubleValue();
            case VALUE_STRING -> Double.parseDouble(in.getText());
            case VALUE_NULL -> Double.NaN;
            default -> throw new IOException("expected a number, found " + in.currentToken());
        };
    }

    public synchronized void save(Path home) throws IOException {
        AtomicFiles.write(file(home), Writer.JSON.writeValueAsBytes(this));
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
