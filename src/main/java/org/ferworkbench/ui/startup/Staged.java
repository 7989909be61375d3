package org.ferworkbench.ui.startup;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.List;

/**
 * A view whose content enters the window a few nodes per frame: the first styling of a form with a dozen fields
 * (skins made, styles matched) at once made frames of a tenth to a quarter of a second. The children are taken out
 * of their pane and given back, in their order and with their layout constraints, one chunk per step; once every
 * step has run the view is exactly as built.
 */
public final class Staged {
    private Staged() { }

    /** Empties the pane; each returned step puts back the next {@code perStep} of its children. */
    public static List<Runnable> detachChildren(Pane pane, int perStep) {
        List<Node> nodes = List.copyOf(pane.getChildren());
        pane.getChildren().clear();
        List<Runnable> steps = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i += perStep) {
            List<Node> chunk = nodes.subList(i, Math.min(nodes.size(), i + perStep));
            steps.add(() -> pane.getChildren().addAll(chunk));
        }
        return steps;
    }

    /** {@link #detachChildren} for the content of a scroll pane, when it is a pane; no steps otherwise. */
    public static List<Runnable> detachContent(Node view, int perStep) {
        if (view instanceof ScrollPane scroll && scroll.getContent() instanceof Pane pane) return detachChildren(pane, perStep);
        return List.of();
    }
}
