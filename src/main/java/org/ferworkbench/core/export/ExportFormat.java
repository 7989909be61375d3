package org.ferworkbench.core.export;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an export contains: NPY (x_/y_ train/test .npy files), NPZ (the same arrays in one dataset.npz),
 * PNG (an ImageFolder tree png/&lt;split&gt;/&lt;class&gt;/ of the final 8-bit crops).
 */
public enum ExportFormat {
    NPY, NPZ, PNG;

    @JsonCreator
    public static ExportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be npy, npz or png, got '" + text + "'");
        }
    }

    /** Parses a comma-separated list such as "npy,png" (empty for none: the settings say that one is needed). */
    public static Set<ExportFormat> parseList(String text) {
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) formats.add(parse(part));
        }
        return formats;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
