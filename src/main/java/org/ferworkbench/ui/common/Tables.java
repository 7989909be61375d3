package org.ferworkbench.ui.common;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Column widths that keep a table readable: a column never gets narrower than its header and its widest expected
 * value, so a narrow pane scrolls the table sideways instead of showing "..." for every header and number.
 */
public final class Tables {
    /** A column header's font (workbench.css: .compact-table .column-header .label) and a cell's. */
    private static final double HEADER_FONT = 11;
    private static final double CELL_FONT = 13;
    /** A header's and a cell's padding and borders, and a little room for the sort arrow's gap. */
    private static final double PADDING = 16;

    private Tables() { }

    /**
     * Sets the column's minimum width to fit its header (each of its lines) and {@code widestValue} (e.g. "100.0%",
     * "12,345"), and its preferred width to at least that.
     */
    public static void fit(TableColumn<?, ?> column, String widestValue) {
        double header = 0;
        String text = column.getText() == null ? "" : column.getText();
        for (String line : text.split("\n")) header = Math.max(header, width(line, HEADER_FONT));
        double min = Math.ceil(Math.max(header, width(widestValue, CELL_FONT)) + PADDING);
        column.setMinWidth(Math.max(column.getMinWidth(), min));
        if (column.getPrefWidth() < column.getMinWidth()) column.setPrefWidth(column.getMinWidth());
    }

    /**
     * The table in a pane that scrolls it sideways when its columns (at their minimum widths) are wider than the
     * pane, and never up and down: the table is as high as it asks (its rows), plus the bar when there is one.
     */
    public static ScrollPane scrollSideways(TableView<?> table) {
        ScrollPane scroll = new ScrollPane(table);
        Runnable fit = () -> table.setMinWidth(table.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 4);
        for (TableColumn<?, ?> c : table.getColumns()) c.minWidthProperty().addListener((o, a, b) -> fit.run());
        fit.run();
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> table.getPrefHeight() + (table.getMinWidth() > scroll.getWidth() ? BAR : 0),
                table.prefHeightProperty(), table.minWidthProperty(), scroll.widthProperty()));
        scroll.minHeightProperty().bind(scroll.prefHeightProperty());
        scroll.maxHeightProperty().bind(scroll.prefHeightProperty());
        return scroll;
    }

    /** A horizontal scroll bar's height (Modena's, at the workbench's font size). */
    private static final double BAR = 16;

    private static double width(String s, double size) {
        if (s == null || s.isEmpty()) return 0;
        Text t = new Text(s);
        t.setFont(Font.font(Font.getDefault().getFamily(), size));
        return t.getLayoutBounds().getWidth();
    }
}
