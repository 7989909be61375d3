package org.ferworkbench.ui.export;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ferworkbench.ui.common.Tables;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.function.ToIntFunction;

/** The export: where it goes, one button, then per-stage progress with rate and time left, cancel, and the summary. */
public final class ExportView {
    private final ExportViewModel vm;
    private final GridPane stageRows = new GridPane();
    private final ScrollPane root;

    public ExportView(ExportViewModel vm) {
        this.vm = vm;
        Label title = new Label("Export training arrays");
        title.getStyleClass().add("pane-title");
        Label explain = new Label("Splits, balances, augments, detects and aligns faces and writes x/y arrays per split, "
                + "with the review rejections left out. The same settings always give the same arrays.");
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");

        Label target = new Label();
        target.setId("exportTarget");
        target.setWrapText(true);
        target.textProperty().bind(Bindings.createStringBinding(() -> vm.targetProperty().get() == null
                ? "No folder chosen yet: you are asked once." : vm.targetProperty().get().toString(), vm.targetProperty()));
        Button change = new Button("Change…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        change.setId("exportChange");
        change.setOnAction(e -> vm.chooseFolder());
        change.disableProperty().bind(vm.runningProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        change.setMinWidth(Region.USE_PREF_SIZE);
        Label into = new Label("Into");
        into.setMinWidth(Region.USE_PREF_SIZE);
        HBox where = new HBox(8, into, target, change);
        where.setAlignment(Pos.CENTER_LEFT);

        Button export = new Button("Export", new FontIcon(MaterialDesignE.EXPORT));
        export.setId("exportStart");
        export.getStyleClass().add("accent");
        export.setDefaultButton(false);
        export.setOnAction(e -> vm.start());
        export.disableProperty().bind(vm.canExportProperty().not());
        Button cancel = new Button("Cancel", new FontIcon(MaterialDesignC.CANCEL));
        cancel.setId("exportCancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        Button open = new Button("Open folder", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        open.setId("exportOpen");
        open.setOnAction(e -> vm.openFolder());
        open.disableProperty().bind(vm.reportProperty().isNull());
        Label blocked = new Label();
        blocked.setId("exportBlockedReason");
        blocked.setWrapText(true);
        blocked.getStyleClass().add("error-text");
        blocked.textProperty().bind(vm.exportBlockedReasonProperty());
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        HBox buttons = new HBox(8, export, cancel, open, blocked);
        buttons.setAlignment(Pos.CENTER_LEFT);

        ProgressBar overall = new ProgressBar();
        overall.setId("exportProgress");
        overall.progressProperty().bind(vm.progressProperty());
        overall.setMaxWidth(Double.MAX_VALUE);
        overall.visibleProperty().bind(vm.runningProperty());
        overall.managedProperty().bind(overall.visibleProperty());
        Label rate = new Label();
        rate.setId("exportRate");
        rate.textProperty().bind(vm.rateProperty());
        Label left = new Label();
        left.setId("exportTimeLeft");
        left.textProperty().bind(vm.timeLeftProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox speed = new HBox(8, new FontIcon(MaterialDesignP.PLAY_SPEED), rate, spacer, left);
        speed.setAlignment(Pos.CENTER_LEFT);
        speed.visibleProperty().bind(vm.runningProperty());
        speed.managedProperty().bind(speed.visibleProperty());

        stageRows.setId("exportStages");
        stageRows.setHgap(8);
        stageRows.setVgap(6);
        vm.stages().addListener((ListChangeListener<StageRow>) c -> showStages());

        Label result = new Label();
        result.setId("exportResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());

        TableView<SummaryRow> summary = new TableView<>(vm.summary());
        summary.setId("exportSummary");
        summary.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SummaryRow, String> cls = new TableColumn<>("Class");
        cls.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().className()));
        cls.setMinWidth(86);
        summary.getColumns().add(cls);
        // the class names of the export (the widest sets the column's width)
        vm.summary().addListener((ListChangeListener<SummaryRow>) c -> vm.summary().stream().map(SummaryRow::className)
                .max(java.util.Comparator.comparingInt(String::length)).ifPresent(longest -> Tables.fit(cls, longest)));
        column(summary, "Found", SummaryRow::found);
        column(summary, "Unread-\nable", SummaryRow::unreadable);
        column(summary, "Re-\njected", SummaryRow::rejected);
        column(summary, "Copies", SummaryRow::copies);
        column(summary, "Drop-\nped", SummaryRow::dropped);
        column(summary, "Train", SummaryRow::train);
        column(summary, "Test", SummaryRow::test);
        column(summary, "Test\nwhole", SummaryRow::wholeTest);
        summary.getStyleClass().add("compact-table");
        summary.setFixedCellSize(24);
        summary.prefHeightProperty().bind(Bindings.size(vm.summary()).multiply(24).add(40));
        // the pane is narrow: the table scrolls sideways rather than cut its headers and numbers to "..."
        ScrollPane summaryScroll = Tables.scrollSideways(summary);
        summaryScroll.setId("exportSummaryScroll");
        summaryScroll.visibleProperty().bind(Bindings.isNotEmpty(vm.summary()));
        summaryScroll.managedProperty().bind(summaryScroll.visibleProperty());

        Label notUsedTitle = new Label();
        notUsedTitle.setId("exportNotUsedTitle");
        notUsedTitle.textProperty().bind(vm.notUsedTitleProperty());
        notUsedTitle.setWrapText(true);
        ListView<String> notUsed = new ListView<>(vm.notUsed());
        notUsed.setId("exportNotUsed");
        notUsed.setFixedCellSize(24);
        // room for the rows and for the horizontal scroll bar that long paths bring
        notUsed.prefHeightProperty().bind(Bindings.min(8, Bindings.size(vm.notUsed())).multiply(24).add(22));
        notUsed.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                setTooltip(empty ? null : new javafx.scene.control.Tooltip(line));
            }
        });
        for (Node n : new Node[]{notUsedTitle, notUsed}) {
            n.visibleProperty().bind(Bindings.isNotEmpty(vm.notUsed()));
            n.managedProperty().bind(n.visibleProperty());
        }

        VBox content = new VBox(10, title, explain, where, buttons, overall, speed, stageRows, result, summaryScroll,
                new AugmentationView(vm.augmentation()).node(), notUsedTitle, notUsed);
        content.setPadding(new Insets(10));
        content.getStyleClass().add("export");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setId("export");
    }

    private static void column(TableView<SummaryRow> table, String name, ToIntFunction<SummaryRow> value) {
        TableColumn<SummaryRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.applyAsInt(r.getValue())));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        Tables.fit(c, "88,888");
        table.getColumns().add(c);
    }

    private void showStages() {
        stageRows.getChildren().clear();
        int row = 0;
        for (StageRow s : vm.stages()) {
            FontIcon icon = new FontIcon(s.done() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignP.PROGRESS_CLOCK);
            icon.getStyleClass().add(s.done() ? "stage-done" : "stage-running");
            Label name = new Label(s.name());
            ProgressBar bar = new ProgressBar(s.fraction());
            bar.setPrefWidth(130);
            bar.setMinWidth(60);
            Label detail = new Label(s.detail());
            detail.getStyleClass().add("muted");
            // the counts never shorten to "2,155 / ..." (the bar gives way first)
            detail.setMinWidth(Region.USE_PREF_SIZE);
            stageRows.addRow(row++, icon, name, bar, detail);
        }
    }

    public Node node() {
        return root;
    }
}
