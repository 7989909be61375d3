package org.ferworkbench.ui.export;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.ferworkbench.core.report.Histogram;

import java.util.Locale;

/**
 * The export summary's augmentation section: per class, the rotation drawn against the rotation exported, and the
 * rotation left in the arrays after eye alignment, as histograms, with the numbers and why they differ.
 */
final class AugmentationView {
    private final VBox root;
    private final ComboBox<AugmentationRow> classes = new ComboBox<>();
    private final BarChart<String, Number> rotation = chart("Rotation of the copies (°)", "copies");
    private final BarChart<String, Number> net = chart("Rotation left in the arrays, after alignment (°)", "copies");
    private final Label numbers = new Label();

    AugmentationView(ObservableList<AugmentationRow> rows) {
        Label title = new Label("Augmented copies: what reached the arrays");
        title.getStyleClass().add("section-title");
        Label explain = new Label("The plan draws each copy's rotation evenly from its range. In the study's order"
                + " (augment, then detect and align) alignment turns most of it back, and copies whose face was lost are"
                + " drawn again; with \"detect, then augment\" the arrays keep the rotation drawn. summary.json has these"
                + " numbers; attempts.csv lists every discarded draw.");
        explain.setWrapText(true);
        explain.getStyleClass().addAll("muted", "small");
        classes.setId("augmentationClass");
        classes.setItems(rows);
        classes.valueProperty().addListener((o, a, b) -> show(b));
        rows.addListener((ListChangeListener<AugmentationRow>) c -> classes.setValue(rows.isEmpty() ? null : rows.get(0)));
        HBox pick = new HBox(8, new Label("Class"), classes);
        pick.setAlignment(Pos.CENTER_LEFT);
        numbers.setId("augmentationNumbers");
        numbers.setWrapText(true);
        // one above the other: the export pane is narrow, and the charts shrink with it (never wider than the pane)
        root = new VBox(6, title, explain, pick, numbers, rotation, net);
        root.setId("augmentationSummary");
        root.visibleProperty().bind(Bindings.isNotEmpty(rows));
        root.managedProperty().bind(root.visibleProperty());
    }

    private static BarChart<String, Number> chart(String title, String yLabel) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        BarChart<String, Number> c = new BarChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCategoryGap(2);
        c.setBarGap(0);
        c.setPrefHeight(220);
        c.setMinWidth(0);
        c.setPrefWidth(0);
        return c;
    }

    private void show(AugmentationRow row) {
        rotation.getData().clear();
        net.getData().clear();
        if (row == null) {
            numbers.setText("");
            return;
        }
        numbers.setText(row.numbers());
        rotation.getData().add(series("drawn", row.drawnRotation()));
        rotation.getData().add(series("exported", row.exportedRotation()));
        net.getData().add(series("exported", row.netRotation()));
        net.setLegendVisible(false);
    }

    private static XYChart.Series<String, Number> series(String name, Histogram h) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int i = 0; i < h.bins(); i++) {
            s.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%.0f", h.edge(i)), h.counts()[i]));
        }
        return s;
    }

    Node node() {
        return root;
    }
}
