package org.ferworkbench.ui.startup;

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
import javafx.scene.control.ScrollBar;
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
final class ControlWarmup {
    private ControlWarmup() { }

    private record Row(String name, int count) { }

    /** The pieces, each short enough for one frame; run them in order, one per frame. */
    static List<Runnable> pieces(List<String> stylesheets) {
        List<Runnable> pieces = new java.util.ArrayList<>();
        // made, styled and laid out in three frames each; what a table is built from first (scroll bars, a list's
        // virtual flow and cells), so the first table, the largest piece, does not pay for it as well
        addSteps(pieces, stylesheets, () -> new VBox(new ScrollBar(), new ScrollBar()));
        addSteps(pieces, stylesheets, ControlWarmup::list);
        addSteps(pieces, stylesheets, () -> new TabPane(new Tab("a", new SplitPane(new StackPane(), new StackPane())), new Tab("b")));
        addSteps(pieces, stylesheets, ControlWarmup::table);
        // the kinds of the form fields one by one (their skins and behaviours are made the first time), then forms
        addSteps(pieces, stylesheets, () -> new ComboBox<>(FXCollections.observableArrayList("a", "b")));
        addSteps(pieces, stylesheets, () -> new VBox(new TextField("a"), new CheckBox("b")));
        addSteps(pieces, stylesheets, () -> new VBox(new Button("a"), new Hyperlink("b"), new ProgressBar(0.5)));
        addSteps(pieces, stylesheets, ControlWarmup::chart);
        // a few dozen form rows: enough calls for the just-in-time compiler to pick up the styling code
        for (int i = 0; i < 6; i++) addSteps(pieces, stylesheets, () -> new ScrollPane(form(3)));
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
        table.setMaxSize(300, 110);   // a few rows: the first rows and cells are made here, not a screenful of them
        return table;
    }

    /** As many series and classes as the distribution chart of a dataset: each series' colour is styled once here. */
    private static BarChart<String, Number> chart() {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setAnimated(false);
        for (int s = 0; s < 6; s++) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName("sample " + s);
            for (int c = 0; c < 6; c++) series.getData().add(new XYChart.Data<>("class " + c, c + s));
            chart.getData().add(series);
        }
        return chart;
    }

    private static ListView<String> list() {
        return new ListView<>(FXCollections.observableArrayList("a", "b", "c"));
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
