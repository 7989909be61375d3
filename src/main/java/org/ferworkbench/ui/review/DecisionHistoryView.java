package org.ferworkbench.ui.review;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The decision history: time, image, verdict and reason of every decision, newest first. Clicking a line (or
 * Enter, or moving to it with the keys) shows its image in the grid, switching class if needed.
 */
public final class DecisionHistoryView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReviewViewModel vm;
    private final TableView<DecisionRecord> table = new TableView<>();
    private final VBox root;

    public DecisionHistoryView(ReviewViewModel vm) {
        this.vm = vm;
        table.setId("decisionHistory");
        table.setItems(vm.history());
        table.getColumns().add(column("Time", 74, r -> time(r.at())));
        table.getColumns().add(column("Image", 150, DecisionRecord::relativePath));
        table.getColumns().add(column("Verdict", 80, r -> r.verdictText() + (r.how().isEmpty() || r.how().equals("saved") ? "" : " (" + r.how() + ")")));
        table.getColumns().add(column("Reason", 90, DecisionRecord::reasonText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No decisions yet."));
        // what the user picks, not what the list does when new lines come in on top
        table.setOnMouseClicked(e -> showSelected());
        table.setOnKeyReleased(e -> {
            KeyCode k = e.getCode();
            if (k == KeyCode.ENTER || k.isNavigationKey()) showSelected();
        });
        Label hint = new Label("Every decision, newest first. Select one to show its image.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(6, hint, table);
        root.setPadding(new Insets(8));
        root.setId("historyPane");
    }

    private void showSelected() {
        DecisionRecord r = table.getSelectionModel().getSelectedItem();
        if (r != null) vm.show(r);
    }

    private static TableColumn<DecisionRecord, String> column(String title, double width, Function<DecisionRecord, String> value) {
        TableColumn<DecisionRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** The time of day, or the day too when it was not today. */
    static String time(Instant at) {
        var local = at.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DAY_TIME.format(local);
    }

    public TableView<DecisionRecord> table() {
        return table;
    }

    public Node node() {
        return root;
    }
}
