package org.ferworkbench.ui.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * Styles throw-away samples of every kind of control the dataset views use (table, bar chart, list, tabs, form
 * fields, ...) in off-screen scenes, one small piece per frame on the JavaFX thread: the first styling of a control
 * kind loads its skin classes and runs cold code, which made the frames that add the real views to the window long
 * (several hundred ms of JavaFX-thread work each). Nothing here is shown or kept. (Not on a background thread:
 * the skins share text-measuring state that is not thread-safe.)
 */
public final class ControlWarmup {
    private ControlWarmup() { }

    private record Row(String name, int count) { }

    /** The pieces, each short enough for one frame; run them in order, one per frame. */
    public static List<Runnable> pieces(List<String> stylesheets) {
        List<Runnable> pieces = new java.util.ArrayList<>();
        // the first table and the first chart are the largest: made, styled and laid out in three frames each
        addSteps(pieces, stylesheets, ControlWarmup::table);
        addSteps(pieces, stylesheets, ControlWarmup::chart);
        addSteps(pieces, stylesheets, () -> new TabPane(new Tab("a", list()), new Tab("b", new StackPane())));
        // a few dozen form rows: enough calls for the just-in-time compiler to pick up the styling code
        for (int i = 0; i < 8; i++) addSteps(pieces, stylesheets, () -> new ScrollPane(form(6)));
        return pieces;
    }

    /** Three pieces: make the sample in an off-screen scene, style it, lay it out. */
    private static void addSteps(List<Runnable> pieces, List<String> stylesheets, java.util.function.Supplier<javafx.scene.Parent> sample) {
        StackPane[] root = new StackPane[1];
        pieces.add(() -> {
            root[0] = new StackPane(sample.get());
            Scene scene = new Scene(root[0], 800, 600);
            scene.getStylesheets().setAll(stylesheets);
        });
        pieces.add(() -> root[0].applyCss());
        pieces.add(() -> {
            root[0].layout();
            root[0] = null;
        });
    }

    private static TableView<Row> table() {
        TableView<Row> table = new TableView<>(FXCollections.observableArrayList(new Row("a", 1), new Row("b", 2)));
        TableColumn<Row, String> name = new TableColumn<>("name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        TableColumn<Row, Integer> count = new TableColumn<>("count");
        count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        table.getColumns().setAll(List.of(name, count));
        return table;
    }

    private static BarChart<String, Number> chart() {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setAnimated(false);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("sample");
        series.getData().setAll(List.of(new XYChart.Data<>("a", 1), new XYChart.Data<>("b", 2)));
        chart.getData().setAll(List.of(series));
        return chart;
    }

    private static VBox list() {
        ListView<String> list = new ListView<>(FXCollections.observableArrayList("a", "b", "c"));
        return new VBox(list, new SplitPane(new StackPane(), new StackPane()));
    }

    private static GridPane form(int rows) {
        GridPane form = new GridPane();
        form.addRow(0, new Hyperlink("link"), new ProgressBar(0.5), new Button("button"), new ImageView());
        for (int r = 1; r < rows; r++) {
            Label hint = new Label("hint");
            hint.setWrapText(true);
            form.addRow(r, new Label("field " + r), new TextField(Integer.toString(r)), hint,
                    r % 2 == 0 ? new CheckBox("check") : new ComboBox<>(FXCollections.observableArrayList("a", "b")));
        }
        return form;
    }
}
