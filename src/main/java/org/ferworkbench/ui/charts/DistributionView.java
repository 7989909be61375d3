package org.ferworkbench.ui.charts;

import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.NumberBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.Frames;
import org.ferworkbench.ui.common.Tables;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * Grouped bars per class for each step of the preparation, a table with the exact numbers, and "Save as PNG".
 */
public final class DistributionView {
    private record Step(String name, ToIntFunction<ClassPlan> value) { }

    private static final List<Step> STEPS = List.of(
            new Step("Original", ClassPlan::original),
            new Step("Train (split)", ClassPlan::trainSplit),
            new Step("Test (split)", ClassPlan::testSplit),
            new Step("Train originals", ClassPlan::trainOriginals),
            new Step("Final train", ClassPlan::finalTrain),
            new Step("Final test", ClassPlan::finalTest));

    /** Table headers: the step names on two lines, so every column stays readable in a narrow pane. */
    private static String header(String step) {
        return step.replace(" (split)", "\nsplit").replace(" ", "\n");
    }

    private final DistributionViewModel vm;
    private final DialogService dialogs;
    private final BarChart<String, Number> chart;
    private final TableView<ClassPlan> table = new TableView<>();
    private final javafx.scene.control.ScrollPane tableScroll;
    /** What the table shows: the ViewModel's rows, or stand-ins while it warms up (see warmUp). */
    private final javafx.collections.ObservableList<ClassPlan> tableRows = javafx.collections.FXCollections.observableArrayList();
    private final VBox root;
    private final javafx.scene.control.ScrollPane scroll;
    /** Counts rebuilds of the series; a rebuild spread over frames stops when a newer one begins. */
    private int builds;

    public DistributionView(DistributionViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        chart = newChart();
        chart.setId("distributionChart");
        VBox.setVgrow(chart, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("distributionSummary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        Label problem = new Label();
        problem.setId("distributionProblem");
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.setWrapText(true);
        Button save = new Button("Save as PNG…", new FontIcon(MaterialDesignC.CONTENT_SAVE));
        save.setId("saveChart");
        save.setTooltip(new Tooltip("Save the chart and its table as a PNG image (at twice the screen's resolution)"));
        save.setOnAction(e -> saveAsPng());
        save.disableProperty().bind(Bindings.isEmpty(vm.rows()));
        save.setMinWidth(Region.USE_PREF_SIZE);
        Label saved = new Label();
        saved.setId("saveChartMessage");
        saved.getStyleClass().add("muted");
        saved.setWrapText(true);
        saved.textProperty().bind(vm.saveMessageProperty());
        saved.visibleProperty().bind(saved.textProperty().isNotEmpty());
        saved.managedProperty().bind(saved.visibleProperty());
        // the summary takes the room left beside the button, on as many lines as it needs
        summary.setMinWidth(0);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox top = new HBox(8, summary, save);
        top.setAlignment(Pos.CENTER_LEFT);

        table.setId("distributionTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ClassPlan, String> name = new TableColumn<>("Class");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setMinWidth(90);
        table.getColumns().add(name);
        for (Step s : STEPS) {
            TableColumn<ClassPlan, Number> col = new TableColumn<>(header(s.name()));
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(s.value().applyAsInt(c.getValue())));
            col.setStyle("-fx-alignment: CENTER-RIGHT;");
            Tables.fit(col, "88,888");
            table.getColumns().add(col);
        }
        TableColumn<ClassPlan, Number> rejected = new TableColumn<>("Rejected");
        rejected.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rejected()));
        rejected.setStyle("-fx-alignment: CENTER-RIGHT;");
        Tables.fit(rejected, "88,888");
        table.getColumns().add(rejected);
        // the split's achieved share per class: whole groups move it away from the ratio (the balancer's notes say where)
        TableColumn<ClassPlan, String> share = new TableColumn<>("Test share");
        share.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format(java.util.Locale.ROOT, "%.1f%%",
                100 * c.getValue().testShare())));
        share.setStyle("-fx-alignment: CENTER-RIGHT;");
        Tables.fit(share, "100.0%");
        table.getColumns().add(share);
        TableColumn<ClassPlan, String> agrees = new TableColumn<>();
        Label agreesHeader = new Label("Net agrees");
        agreesHeader.setTooltip(new javafx.scene.control.Tooltip("How often the expression net's most probable expression is the "
                + "class's own; in brackets, the labels it disputes (Show: Label disputed)"));
        agrees.setGraphic(agreesHeader);
        agrees.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                DistributionViewModel.describeAgreement(vm.agreement().get(c.getValue().name()))));
        agrees.setStyle("-fx-alignment: CENTER-RIGHT;");
        agrees.setMinWidth(95);
        Tables.fit(agrees, "100.0% (888)");
        table.getColumns().add(agrees);
        tableRows.setAll(vm.rows());
        table.setItems(tableRows);
        table.setFixedCellSize(24);
        table.getStyleClass().add("compact-table");
        table.prefHeightProperty().bind(tableHeight());
        table.setMinHeight(80);
        // never narrower than its columns: a narrow pane scrolls the table sideways (and the PNG gets all of it)
        tableScroll = Tables.scrollSideways(table);
        tableScroll.setId("distributionTableScroll");

        TextField labelMap = new TextField();
        labelMap.setId("labelMap");
        labelMap.setPromptText("usual names; others as class=expression, e.g. wut=angry, freude=happy");
        labelMap.textProperty().bindBidirectional(vm.labelMapProperty());
        labelMap.setOnAction(e -> vm.applyLabelMap());
        HBox.setHgrow(labelMap, Priority.ALWAYS);
        Button applyNames = new Button("Apply");
        applyNames.setId("applyLabelMap");
        applyNames.setOnAction(e -> vm.applyLabelMap());
        applyNames.setMinWidth(Region.USE_PREF_SIZE);
        labelMap.setMinWidth(80);
        Label namesLabel = new Label("Class names for the expression net:");
        namesLabel.setMinWidth(Region.USE_PREF_SIZE);
        // the field under its label: the row fits a narrow pane
        HBox field = new HBox(8, labelMap, applyNames);
        field.setAlignment(Pos.CENTER_LEFT);
        VBox names = new VBox(4, namesLabel, field);
        Label namesMessage = new Label();
        namesMessage.textProperty().bind(vm.labelMapMessageProperty());
        namesMessage.getStyleClass().add("muted");
        namesMessage.setWrapText(true);

        root = new VBox(8, top, saved, problem, chart, tableScroll, names, namesMessage);
        root.setPadding(new Insets(10));
        root.getStyleClass().add("distribution");
        // the chart gives way when the window is low; the texts and the table keep their lines (no "...")
        for (Region r : new Region[]{top, saved, problem, names, namesMessage}) r.setMinHeight(Region.USE_PREF_SIZE);
        chart.setMinHeight(300);
        // and below the chart's smallest, the pane scrolls
        scroll = new javafx.scene.control.ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("distribution");
        vm.rows().addListener((ListChangeListener<ClassPlan>) c -> {
            vm.rows().stream().map(ClassPlan::name).max(java.util.Comparator.comparingInt(String::length))
                    .ifPresent(longest -> Tables.fit(name, longest));
            tableRows.setAll(vm.rows());
            update();
        });
    }

    /**
     * Moves the bars to the new values; rebuilds the series only when the classes changed (cheaper, no flicker), one
     * series per frame while the window shows: the six series' bars, legend and styling at once made one long frame
     * when the first dataset opened.
     */
    private void update() {
        List<String> classes = vm.rows().stream().map(ClassPlan::name).toList();
        boolean sameShape = chart.getData().size() == STEPS.size() && chart.getData().stream()
                .allMatch(series -> series.getData().stream().map(XYChart.Data::getXValue).toList().equals(classes));
        if (sameShape) {
            for (int k = 0; k < STEPS.size(); k++) {
                XYChart.Series<String, Number> series = chart.getData().get(k);
                for (int i = 0; i < classes.size(); i++) {
                    int value = STEPS.get(k).value().applyAsInt(vm.rows().get(i));
                    XYChart.Data<String, Number> d = series.getData().get(i);
                    if (d.getYValue().intValue() != value) d.setYValue(value);
                }
            }
            return;
        }
        int build = ++builds;
        chart.getData().clear();
        addSeries(0, build);
    }

    /** Adds the series of step k with the latest numbers, then (next frame) the next one, unless a newer build began. */
    private void addSeries(int k, int build) {
        if (build != builds || k >= STEPS.size()) return;
        Step s = STEPS.get(k);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(s.name());
        for (ClassPlan d : vm.rows()) series.getData().add(new XYChart.Data<>(d.name(), s.value().applyAsInt(d)));
        chart.getData().add(series);
        javafx.scene.Scene scene = chart.getScene();
        if (scene != null && scene.getWindow() != null && scene.getWindow().isShowing()) {
            Frames.atNextFrame(scene, () -> addSeries(k + 1, build));
        } else {
            addSeries(k + 1, build);
        }
    }

    /**
     * This view's part of the start-up warm-up (see {@code ui.startup.StartupSequence}), one step each: while the
     * window shows and no dataset is open, the table gets stand-in rows, two more per step (each row is eight cells
     * to make), then the real (empty) ones again. Its rows and cells are made and styled then, not in a frame of the
     * first dataset (they are kept for reuse). Meanwhile the table keeps the height of all of them, so that the chart
     * above it is laid out again only twice, not at every step. Once a dataset's rows come, the stand-ins are gone.
     */
    public List<Runnable> warmUpSteps(BooleanSupplier noDataset) {
        List<ClassPlan> standIns = new ArrayList<>();
        for (int i = 0; i < 8; i++) standIns.add(new ClassPlan("class " + i, i, 100, 0, 0, 75, 25, 0, Map.of(), Map.of(), 75, 75, 0, 75, 25, 0, 0, 0));
        boolean[] on = {false};
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> {
            if (table.getScene() == null || !noDataset.getAsBoolean() || !vm.rows().isEmpty() || !tableRows.isEmpty()) return;
            on[0] = true;
            table.prefHeightProperty().unbind();
            table.setPrefHeight(standIns.size() * 24 + 40);
            tableRows.setAll(standIns.subList(0, 2));
        });
        for (int rows = 4; rows <= standIns.size(); rows += 2) {
            List<ClassPlan> shown = standIns.subList(0, rows);
            List<ClassPlan> before = standIns.subList(0, rows - 2);
            steps.add(() -> {
                // the rows listener put a dataset's rows in meanwhile
                if (on[0] && vm.rows().isEmpty() && tableRows.equals(before) && noDataset.getAsBoolean()) tableRows.setAll(shown);
            });
        }
        steps.add(() -> {
            if (!on[0]) return;
            on[0] = false;
            if (vm.rows().isEmpty()) tableRows.clear();
            table.prefHeightProperty().bind(tableHeight());
        });
        return steps;
    }

    /** The table's preferred height: all its rows, without a scroll bar. */
    private NumberBinding tableHeight() {
        return Bindings.size(tableRows).multiply(24).add(40);
    }

    private void saveAsPng() {
        var file = dialogs.chooseSaveFile("Save chart", null, vm.suggestedFileName(), "PNG image", "png");
        if (file.isEmpty()) return;
        savePngTo(file.get());
    }

    private static BarChart<String, Number> newChart() {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("images");
        y.setForceZeroInRange(true);
        BarChart<String, Number> c = new BarChart<>(x, y);
        c.setAnimated(false);
        c.setLegendVisible(true);
        c.setCategoryGap(18);
        c.setBarGap(1);
        c.setTitle("Images per class through the preparation");
        return c;
    }

    /**
     * Snapshots the chart and, under it, the whole table (all its columns, also those scrolled out of view) at twice
     * the screen's resolution, on the pane's background (on the JavaFX thread); the ViewModel writes the file in the
     * background and says where. The chart in the picture is a copy laid out off screen as wide as the table and at
     * least half as high as wide: in a narrow pane the one on screen is small, its labels turned and its legend gone.
     */
    public void savePngTo(Path file) {
        javafx.scene.paint.Color background = background();
        double width = Math.max(chart.getWidth(), table.getWidth());
        double height = Math.max(chart.getHeight(), Math.round(width * 0.55));
        BarChart<String, Number> copy = newChart();
        for (XYChart.Series<String, Number> series : chart.getData()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(series.getName());
            for (XYChart.Data<String, Number> d : series.getData()) s.getData().add(new XYChart.Data<>(d.getXValue(), d.getYValue()));
            copy.getData().add(s);
        }
        javafx.scene.layout.StackPane pictureRoot = new javafx.scene.layout.StackPane(copy);
        pictureRoot.getStyleClass().add("distribution");
        javafx.scene.Scene picture = new javafx.scene.Scene(pictureRoot, width, height);
        if (root.getScene() != null) picture.getStylesheets().setAll(root.getScene().getStylesheets());
        pictureRoot.applyCss();
        pictureRoot.layout();
        vm.savePng(List.of(snapshot(copy, background), snapshot(table, background)), awt(background), file);
    }

    private static java.awt.image.BufferedImage snapshot(Node node, javafx.scene.paint.Color background) {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(javafx.scene.transform.Transform.scale(PNG_SCALE, PNG_SCALE));
        p.setFill(background);
        WritableImage image = node.snapshot(p, null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    private static java.awt.Color awt(javafx.scene.paint.Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }

    /** The colour the pane is shown on (the theme's), so that a dark chart's light text stays readable in the file. */
    private javafx.scene.paint.Color background() {
        for (javafx.scene.Parent n = root; n != null; n = n.getParent()) {
            if (n instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
                javafx.scene.paint.Paint fill = r.getBackground().getFills().get(r.getBackground().getFills().size() - 1).getFill();
                if (fill instanceof javafx.scene.paint.Color c && c.getOpacity() > 0.99) return c;
            }
        }
        return root.getScene() != null && root.getScene().getFill() instanceof javafx.scene.paint.Color c ? c : javafx.scene.paint.Color.WHITE;
    }

    /** Pixels per screen pixel in the saved PNG. */
    public static final double PNG_SCALE = 2;

    public BarChart<String, Number> chart() {
        return chart;
    }

    public Node node() {
        return scroll;
    }
}
