package org.ferworkbench.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The text form of the settings: PrepareConfig as JSON (an export's config.json, the app's settings.json). A file
 * may give only some settings: the rest are the study's. Each value goes through {@link PrepareConfigBuilder}, so
 * a file is read and checked as an option or a form field is, and a problem names its key.
 */
public final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigFiles() { }

    public static PrepareConfig read(Path file) throws IOException {
        JsonNode user;
        try {
            user = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException("config file not found: " + file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("config file " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(user, "config file " + file);
    }

    /**
     * The settings a JSON object gives (the others are the study's), checked as a config file is.
     *
     * @param where what the object is, for messages ("config file x.json")
     */
    public static PrepareConfig fromJson(JsonNode user, String where) throws IOException {
        if (!(user instanceof ObjectNode userObject)) throw new IOException(where + " must hold a JSON object");
        Map<String, JsonNode> given = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        leaves(userObject, "", given, unknown);
        if (!unknown.isEmpty()) throw new IOException(where + " has an unknown setting '" + unknown.get(0) + "'");
        try {
            return fromLeaves(given);
        } catch (InvalidSettingsException e) {
            StringJoiner why = new StringJoiner("; ");
            for (SettingsProblem p : e.problems()) why.add("'" + String.join("', '", p.setting().keys()) + "': " + p.message());
            throw new IOException(where + " has an invalid setting " + why);
        }
    }

    /** Each setting of the object by dotted key ("split.testRatio"), for telling two configs apart. */
    public static Map<String, JsonNode> settings(JsonNode config) {
        Map<String, JsonNode> given = new LinkedHashMap<>();
        if (config instanceof ObjectNode o) leaves(o, "", given, new ArrayList<>());
        return given;
    }

    public static String toJson(PrepareConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values of the file by dotted key ("split.testRatio"); keys that are no setting's go to {@code unknown}. */
    private static void leaves(ObjectNode node, String prefix, Map<String, JsonNode> given, List<String> unknown) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            if (Setting.forKey(key).isPresent()) {
                given.put(key, f.getValue());
            } else if (f.getValue() instanceof ObjectNode group && isGroup(key)) {
                leaves(group, key + ".", given, unknown);
            } else {
                unknown.add(key);
            }
        }
    }

    private static boolean isGroup(String key) {
        for (Setting s : Setting.values()) {
            for (String k : s.keys()) if (k.startsWith(key + ".")) return true;
        }
        return false;
    }

    /** The study's settings with every setting the file names replaced (a range's other end, if left out, stays). */
    private static PrepareConfig fromLeaves(Map<String, JsonNode> given) {
        JsonNode defaults = JSON.valueToTree(PrepareConfig.DEFAULTS);
        PrepareConfigBuilder settings = PrepareConfig.builder();
        for (Setting s : Setting.values()) {
            if (s.keys().stream().noneMatch(given::containsKey)) continue;
            String[] parts = s.keys().stream()
                    .map(k -> text(given.containsKey(k) ? given.get(k) : defaults.at("/" + k.replace('.', '/'))))
                    .toArray(String[]::new);
            settings.parseParts(s, parts);
        }
        if (given.containsKey("split.testRatio") && !given.containsKey("split.duplicates")) {
            // a split block from before duplicates were grouped (an earlier export's config.json): re-running it must
            // give that export's split, so its duplicates are ignored as they were then
            settings.duplicates(org.ferworkbench.core.split.DuplicateHandling.IGNORE);
        }
        if (given.containsKey("face.alignment") && !given.containsKey("face.cropFill")) {
            // a face block from before the crop fill was a setting: the crop was filled with the augmentation's
            // border then, edge pixels or black (a reflected border has no crop fill; its nearest, edge, is taken)
            JsonNode border = given.get("augmentation.border");
            settings.cropFill(border != null && "black".equalsIgnoreCase(text(border))
                    ? org.ferworkbench.core.align.CropFill.BLACK : org.ferworkbench.core.align.CropFill.EDGE);
        }
        return settings.build();
    }

    /** A JSON value as the setting's text form: a list (the formats) joined by commas; null as nothing. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) return null;
        if (value.isArray()) {
            StringJoiner list = new StringJoiner(",");
            value.forEach(v -> list.add(v.asText()));
            return list.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
