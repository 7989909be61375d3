package org.ferworkbench.ui.startup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassPreloadTest {
    static boolean initialised;

    /** A class whose static initialiser would show that it ran. */
    static final class Probe {
        static {
            initialised = true;
        }

        static void touch() { }
    }

    @Test
    void linksListedClassesWithoutInitialisingThemAndSkipsUnknownNames() {
        int linked = ClassPreload.load(List.of(Probe.class.getName(), "no.such.Clazz", "javafx.scene.control.TableView"),
                getClass().getClassLoader());

        assertEquals(2, linked);
        assertFalse(initialised, "the static initialiser stays with the thread that first uses the class");
        Probe.touch();
        assertTrue(initialised);
    }

    @Test
    void theListCoversTheDatasetViewsControls() {
        List<String> names = ClassPreload.names();
        assertTrue(names.contains("javafx.scene.control.skin.TableViewSkin"), "the first table's skin");
        assertTrue(names.contains("javafx.scene.chart.BarChart"), "the first chart");
        assertTrue(names.stream().noneMatch(n -> n.contains("$$Lambda") || n.startsWith("org.ferworkbench.ui.tools.")),
                "no lambdas or test-only classes");
    }
}
