package org.ferworkbench.core.export;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Pixel type of the exported image arrays: float32 in [0, 1] (the study) or uint8 in 0..255 (4x smaller). */
public enum OutputDtype {
    FLOAT32, UINT8;

    @JsonCreator
    public static OutputDtype parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float32" -> FLOAT32;
            case "uint8" -> UINT8;
            default -> throw new IllegalArgumentException("dtype must be float32 or uint8, got '" + text + "'");
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
