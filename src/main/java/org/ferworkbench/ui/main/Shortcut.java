package org.ferworkbench.ui.main;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Every shortcut of the window, in one table: the menus take their accelerators from it, the main view its keys, and
 * Help &gt; Keyboard Shortcuts lists it, so what the help says and what the keys do cannot drift apart.
 */
public enum Shortcut {
    OPEN(Scope.WINDOW, "Open a dataset folder", KeyCode.O, KeyCombination.SHORTCUT_DOWN),
    EXPORT(Scope.WINDOW, "Export the prepared arrays", KeyCode.E, KeyCombination.SHORTCUT_DOWN),
    QUIT(Scope.WINDOW, "Quit", KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
    SHOW_IMAGES(Scope.WINDOW, "Show the images", KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
    SHOW_DISTRIBUTION(Scope.WINDOW, "Show the distribution", KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
    UNDO(Scope.WINDOW, "Undo the last decision", KeyCode.Z, KeyCombination.SHORTCUT_DOWN),
    REDO(Scope.WINDOW, "Redo the decision undone last", KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
    REDO_AGAIN(Scope.WINDOW, "Redo (as above)", KeyCode.Y, KeyCombination.SHORTCUT_DOWN),
    MENU_BAR(Scope.WINDOW, "Go to the menu bar (the arrow keys then open and move through the menus)", KeyCode.F10),

    ACCEPT(Scope.REVIEW, "Accept the selected image(s)", KeyCode.A),
    REJECT(Scope.REVIEW, "Reject the selected image(s), with the reason chosen in the tool bar", KeyCode.R),
    UNDO_KEY(Scope.REVIEW, "Undo the last decision", KeyCode.U),
    NEXT(Scope.REVIEW, "Next image that needs a look", KeyCode.N),

    PREVIOUS_IMAGE(Scope.GRID, "Previous image", KeyCode.LEFT),
    NEXT_IMAGE(Scope.GRID, "Next image", KeyCode.RIGHT),
    ROW_UP(Scope.GRID, "One row up", KeyCode.UP),
    ROW_DOWN(Scope.GRID, "One row down", KeyCode.DOWN),
    FIRST_IMAGE(Scope.GRID, "First image", KeyCode.HOME),
    LAST_IMAGE(Scope.GRID, "Last image", KeyCode.END),
    PAGE_UP(Scope.GRID, "One page up", KeyCode.PAGE_UP),
    PAGE_DOWN(Scope.GRID, "One page down", KeyCode.PAGE_DOWN),
    EXTEND_LEFT(Scope.GRID, "Add the previous image to the selection", KeyCode.LEFT, KeyCombination.SHIFT_DOWN),
    EXTEND_RIGHT(Scope.GRID, "Add the next image to the selection", KeyCode.RIGHT, KeyCombination.SHIFT_DOWN),
    EXTEND_UP(Scope.GRID, "Select up to one row up", KeyCode.UP, KeyCombination.SHIFT_DOWN),
    EXTEND_DOWN(Scope.GRID, "Select up to one row down", KeyCode.DOWN, KeyCombination.SHIFT_DOWN),
    SELECT_ALL(Scope.GRID, "Select every image shown (the class after the filter and the search)", KeyCode.A,
            KeyCombination.SHORTCUT_DOWN),

    TOGGLE_CLICK(Scope.MOUSE, "Add an image to the selection, or take it out", null, KeyCombination.SHORTCUT_DOWN),
    RANGE_CLICK(Scope.MOUSE, "Select the images from the one clicked last to this one", null, KeyCombination.SHIFT_DOWN);

    /** Where a shortcut acts. */
    public enum Scope {
        WINDOW("Anywhere in the window (a text field keeps its own keys)"),
        REVIEW("When the image grid, the inspector or a review button has the keyboard (click an image first)"),
        GRID("When the image grid has the keyboard"),
        MOUSE("In the image grid, with the mouse");

        private final String title;

        Scope(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Scope scope;
    private final String description;
    private final KeyCombination combination;
    private final String text;

    Shortcut(Scope scope, String description, KeyCode key, KeyCombination.Modifier... modifiers) {
        this.scope = scope;
        this.description = description;
        if (key != null) {
            this.combination = new KeyCodeCombination(key, modifiers);
            this.text = combination.getDisplayText();
        } else {
            // a click with a key held: named as the key combinations of this platform name it
            this.combination = null;
            String held = new KeyCodeCombination(KeyCode.A, modifiers).getDisplayText();
            this.text = held.substring(0, held.length() - 1) + (held.endsWith("+A") ? "click" : "+click");
        }
    }

    public Scope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    /** The key combination, or null for a click. */
    public KeyCombination combination() {
        return combination;
    }

    /** As this platform writes it ("Ctrl+Shift+Z", "Shift+click"). */
    public String displayText() {
        return text;
    }

    public boolean matches(KeyEvent e) {
        return combination != null && combination.match(e);
    }

    /** The first review or grid shortcut the key press is, or null. */
    static Shortcut reviewKey(KeyEvent e) {
        for (Shortcut s : values()) {
            if ((s.scope == Scope.REVIEW || s.scope == Scope.GRID) && s.matches(e)) return s;
        }
        return null;
    }

    /** The help's text: every shortcut, by where it acts. */
    public static String helpText() {
        List<String> lines = new ArrayList<>();
        for (Scope scope : Scope.values()) {
            if (!lines.isEmpty()) lines.add("");
            lines.add(scope.title() + ":");
            for (Shortcut s : values()) {
                if (s.scope == scope) lines.add("    " + s.displayText() + ": " + s.description);
            }
        }
        return String.join("\n", lines);
    }
}
