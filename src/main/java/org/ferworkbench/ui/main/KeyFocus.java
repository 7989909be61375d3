package org.ferworkbench.ui.main;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TextInputControl;

/**
 * Where the keyboard is, for the review keys: they act only when it is in a review area (the image grid, the
 * inspector, the review buttons of the tool bar), never while the user types or picks from a list.
 */
final class KeyFocus {
    private static final String REVIEW_AREA = "org.ferworkbench.reviewArea";

    private KeyFocus() { }

    /** Marks nodes (and all inside them) as places where the review keys act. */
    static void markReviewArea(Node... nodes) {
        for (Node n : nodes) n.getProperties().put(REVIEW_AREA, Boolean.TRUE);
    }

    /** Whether the node is inside a review area, and not a field or list that takes keys of its own. */
    static boolean inReviewArea(Node node) {
        if (node == null || takesKeys(node)) return false;
        for (Node n = node; n != null; n = n.getParent()) {
            if (Boolean.TRUE.equals(n.getProperties().get(REVIEW_AREA))) return true;
        }
        return false;
    }

    /** A text field, a combo box or a choice box: a letter typed there is the user's. */
    static boolean takesKeys(Node node) {
        return node instanceof TextInputControl || node instanceof ComboBoxBase<?> || node instanceof ChoiceBox<?>;
    }

    static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) return true;
        }
        return false;
    }
}
