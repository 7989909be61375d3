package org.ferworkbench.core.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes PrepareConfig as JSON (the config.json of an export). A file may give only some settings:
 * the rest come from the defaults.
 */
public final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        if (!(user instanceof ObjectNode userObject)) throw new IOException("config file " + file + " must hold a JSON object");
        ObjectNode merged = JSON.valueToTree(PrepareConfig.DEFAULTS);
        merge(merged, userObject);
        try {
            return JSON.treeToValue(merged, PrepareConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IOException("config file " + file + " has an unknown setting '" + e.getPropertyName() + "'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IOException("config file " + file + " has an invalid setting: " + why);
        }
    }

    public static String toJson(PrepareConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = base.get(f.getKey());
            if (existing instanceof ObjectNode eo && f.getValue() instanceof ObjectNode fo) {
                merge(eo, fo);
            } else {
                base.set(f.getKey(), f.getValue());
            }
        }
    }
}
