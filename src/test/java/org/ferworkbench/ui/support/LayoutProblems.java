package org.ferworkbench.ui.support;

import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.RadialGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * What does not fit in a window, found in its scene graph (on the JavaFX thread, after a layout pass):
 * <ul>
 *   <li>a visible {@link Labeled} (label, button, check box, table cell, column header, tab, combo box's button
 *   cell...) whose shown text is cut short with its ellipsis string, or not shown at all;</li>
 *   <li>a horizontal scroll bar in a list named in {@code noHorizontalScroll}, and a plain text reaching past its
 *   list or grid cell's edge;</li>
 *   <li>a scroll pane without a horizontal bar whose content is wider than its viewport (cut off silently);</li>
 *   <li>a layout pane (box, grid, flow...) laid out narrower than its minimum width (its right part cut off);</li>
 *   <li>a tool bar whose items overflow into its "more" menu.</li>
 * </ul>
 * Each problem is a line naming the node (its id, or its class and text) and its place. And, for dialogs and themes,
 * texts with too little contrast to what is behind them ({@link #lowContrast}).
 */
public final class LayoutProblems {
    private LayoutProblems() { }

    public static List<String> of(Parent root, String... noHorizontalScroll) {
        List<String> problems = new ArrayList<>();
        walk(root, problems);
        for (String id : noHorizontalScroll) {
            Node list = root.lookup("#" + id);
            if (list == null || !shown(list)) continue;
            for (Node n : list.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && shown(bar)) {
                    problems.add("#" + id + " scrolls sideways (its content is " + Math.round(bar.getMax()) + " px wider than it)");
                }
            }
        }
        return problems;
    }

    private static void walk(Node node, List<String> problems) {
        if (!node.isVisible()) return;
        if (node instanceof Labeled l) checkLabeled(l, problems);
        if (node instanceof ScrollPane p) checkScrollPane(p, problems);
        if (node instanceof Text t && !(t.getParent() instanceof Labeled)) checkTextInCell(t, problems);
        if (node instanceof Pane p && !insideScrollPaneSkin(p) && p.getWidth() > 0 && p.getWidth() + 1 < p.minWidth(-1) && shown(p)) {
            // an application layout (box, grid, flow) laid out narrower than it can be: its right part is cut off
            problems.add("pane " + (p.getId() != null ? "#" + p.getId() : p.getClass().getSimpleName() + " " + p.getStyleClass())
                    + " is " + Math.round(p.getWidth()) + " px wide, less than its minimum " + Math.round(p.minWidth(-1)) + " px" + where(p));
        }
        if (node instanceof ToolBar t) {
            Node more = t.lookup(".tool-bar-overflow-button");
            if (more != null && more.isVisible() && shown(more)) problems.add("tool bar #" + t.getId() + " overflows into its menu");
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) walk(child, problems);
        }
    }

    private static void checkLabeled(Labeled l, List<String> problems) {
        String text = l.getText();
        if (text == null || text.isBlank() || l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) return;
        if (l.getWidth() <= 0 || l.getHeight() <= 0 || !shown(l)) return;
        Text shownText = null;
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) shownText = t;
        }
        if (shownText == null) return;   // no skin yet
        String shownString = shownText.getText() == null ? "" : shownText.getText();
        String ellipsis = l.getEllipsisString();
        boolean cut = shownString.isEmpty()
                || (!ellipsis.isEmpty() && shownString.contains(ellipsis) && !text.contains(ellipsis));
        if (cut) problems.add(describe(l) + " shows \"" + shownString.replace("\n", "\\n") + "\" of \"" + text.replace("\n", "\\n")
                + "\" (" + Math.round(l.getWidth()) + " of " + Math.round(l.prefWidth(-1)) + " px)" + where(l));
    }

    /** A scroll pane's viewport and the node in it that clips the content: narrower than the content is what scrolling is for. */
    private static boolean insideScrollPaneSkin(Node n) {
        Node viewport = n.getStyleClass().contains("viewport") ? n : n.getParent();
        return viewport != null && viewport.getStyleClass().contains("viewport") && viewport.getParent() instanceof ScrollPane;
    }

    /** A plain text in a list or grid cell that reaches past the cell's right edge (clipped, without an ellipsis). */
    private static void checkTextInCell(Text t, List<String> problems) {
        if (t.getText() == null || t.getText().isBlank()) return;
        javafx.scene.control.Cell<?> cell = null;
        for (Node n = t.getParent(); n != null && cell == null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.Cell<?> c) cell = c;
        }
        if (cell == null || cell.getWidth() <= 0 || !shown(t)) return;
        Bounds b = cell.sceneToLocal(t.localToScene(t.getLayoutBounds()));
        if (b.getMaxX() > cell.getWidth() + 1) {
            problems.add("text \"" + t.getText().replace("\n", " ") + "\" reaches " + Math.round(b.getMaxX() - cell.getWidth())
                    + " px past its cell's edge" + where(cell));
        }
    }

    /** Content wider than the viewport of a pane that shows no horizontal bar: its right side cannot be seen. */
    private static void checkScrollPane(ScrollPane p, List<String> problems) {
        if (p.getHbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER || p.getContent() == null || !shown(p)) return;
        Bounds viewport = p.getViewportBounds();
        double content = p.getContent().getLayoutBounds().getWidth();
        if (viewport.getWidth() > 0 && content > viewport.getWidth() + 1) {
            problems.add("scroll pane #" + p.getId() + " cuts " + Math.round(content - viewport.getWidth())
                    + " px of its content off on the right (no horizontal bar)");
        }
    }

    private static String describe(Labeled l) {
        String id = l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName();
        for (Node n = l.getParent(); n != null; n = n.getParent()) {
            if (n instanceof TableColumnHeader h && h.getTableColumn() != null) return "column header " + id;
        }
        return id;
    }

    /** The nearest ancestor with an id. */
    private static String where(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null && !p.getId().equals("virtual-flow")) return " in #" + p.getId();
        }
        return "";
    }

    /**
     * Visible with every ancestor (a tab not selected, a virtual flow's spare cells are not) and in a scene; a node
     * scrolled out of its pane's view counts: scrolling shows it as it is.
     */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) return false;
        }
        return n.getScene() != null;
    }

    /**
     * Texts (labels, links, buttons, a text area's text) that stand out from what is behind them by less than the
     * contrast ratio (WCAG: 4.5 for normal text), e.g. a theme's light text on a light default background.
     */
    public static List<String> lowContrast(Parent root, double minRatio) {
        List<String> problems = new ArrayList<>();
        collectContrast(root, minRatio, problems);
        return problems;
    }

    private static void collectContrast(Node node, double minRatio, List<String> problems) {
        if (!node.isVisible()) return;
        Paint fill = null;
        String text = null;
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            fill = l.getTextFill();
            text = l.getText();
        } else if (node instanceof Text t && t.getText() != null && !t.getText().isBlank() && !(t.getParent() instanceof Labeled)) {
            fill = t.getFill();
            text = t.getText();
        }
        if (fill != null) {
            Color fg = colour(fill);
            Color bg = behind(node);
            if (fg != null && bg != null) {
                double ratio = contrast(fg, bg);
                if (ratio < minRatio) {
                    String shortText = text.length() > 40 ? text.substring(0, 40) + "…" : text;
                    problems.add(String.format(java.util.Locale.ROOT, "\"%s\" (%s) is %s on %s: contrast %.1f", shortText.replace("\n", " "),
                            node.getClass().getSimpleName(), fg, bg, ratio));
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) collectContrast(child, minRatio, problems);
        }
    }

    /** The opaque colour nearest behind a node: the top fill of the closest region with an opaque one. */
    private static Color behind(Node node) {
        for (Node n = node instanceof Region ? node : node.getParent(); n != null; n = n.getParent()) {
            if (!(n instanceof Region r) || r.getBackground() == null) continue;
            List<BackgroundFill> fills = r.getBackground().getFills();
            for (int i = fills.size() - 1; i >= 0; i--) {
                Color c = colour(fills.get(i).getFill());
                if (c != null && c.getOpacity() > 0.95) return c;
            }
        }
        return null;
    }

    /** A paint's colour; a gradient's is the mean of its stops. */
    private static Color colour(Paint p) {
        if (p instanceof Color c) return c;
        List<Stop> stops = p instanceof LinearGradient g ? g.getStops() : p instanceof RadialGradient g ? g.getStops() : null;
        if (stops == null || stops.isEmpty()) return null;
        double r = 0, g = 0, b = 0, a = 0;
        for (Stop s : stops) {
            r += s.getColor().getRed();
            g += s.getColor().getGreen();
            b += s.getColor().getBlue();
            a += s.getColor().getOpacity();
        }
        int n = stops.size();
        return new Color(r / n, g / n, b / n, a / n);
    }

    /** WCAG 2 contrast ratio of two colours, 1 to 21. */
    public static double contrast(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
