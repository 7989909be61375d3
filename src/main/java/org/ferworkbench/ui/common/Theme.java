package org.ferworkbench.ui.common;

import javafx.scene.Scene;

import java.util.Locale;

/** Light and dark look: one base stylesheet plus the theme's colours. */
public enum Theme {
    LIGHT("light.css"), DARK("dark.css");

    private static final String BASE = "/org/ferworkbench/ui/common/workbench.css";
    private final String file;

    Theme(String file) {
        this.file = file;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme parse(String id) {
        return id != null && id.equalsIgnoreCase("dark") ? DARK : LIGHT;
    }

    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(
                Theme.class.getResource(BASE).toExternalForm(),
                Theme.class.getResource("/org/ferworkbench/ui/common/" + file).toExternalForm());
    }
}
