package org.ferworkbench.ui.duplicates;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ferworkbench.ui.browser.ThumbnailCache;
import org.ferworkbench.ui.session.SampleItem;

import java.util.ArrayList;
import java.util.List;

/**
 * The Duplicates tab: the plan's groups of duplicate images, largest first (filter: all, straddling, label conflicts),
 * and the selected group's images side by side with their class and status; "Keep this one" rejects the others.
 */
public final class DuplicatesView {
    private static final double THUMB = 128;

    private final DuplicatesViewModel vm;
    private final ThumbnailCache thumbnails;
    private final BorderPane root = new BorderPane();
    private final FlowPane members = new FlowPane(10, 10);
    private final List<ThumbnailCache.Ticket> tickets = new ArrayList<>();

    public DuplicatesView(DuplicatesViewModel vm, ThumbnailCache thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        ComboBox<DuplicatesViewModel.Filter> filter = new ComboBox<>();
        filter.getItems().setAll(DuplicatesViewModel.Filter.values());
        filter.valueProperty().bindBidirectional(vm.filterProperty());
        filter.setId("duplicatesFilter");
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setId("duplicatesSummary");
        Button notDuplicates = new Button("Not duplicates");
        notDuplicates.setId("notDuplicates");
        notDuplicates.setTooltip(new Tooltip("These images are different pictures (or people): stop keeping the selected group together"));
        notDuplicates.setOnAction(e -> vm.markNotDuplicates());
        notDuplicates.disableProperty().bind(vm.selectedProperty().isNull());
        vm.selectedProperty().addListener((o, a, b) -> notDuplicates.setText(b != null && b.identity() ? "Not one person" : "Not duplicates"));
        Button samePerson = new Button("Same person");
        samePerson.setId("samePerson");
        samePerson.setTooltip(new Tooltip("The selected identities (Ctrl+click two or more) show one person: keep them together"));
        Button undo = new Button("Undo");
        undo.setId("undoGroupDecision");
        undo.setOnAction(e -> vm.undoGroupDecision());
        undo.visibleProperty().bind(vm.canUndoProperty());
        filter.setMinWidth(Region.USE_PREF_SIZE);
        notDuplicates.setMinWidth(Region.USE_PREF_SIZE);
        samePerson.setMinWidth(Region.USE_PREF_SIZE);
        undo.setMinWidth(Region.USE_PREF_SIZE);
        // the buttons go under the filter in a narrow pane
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(8, 6, filter, samePerson, notDuplicates, undo);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, controls, summary);
        top.setPadding(new Insets(8));

        ListView<DuplicatesViewModel.GroupRow> groups = new ListView<>(vm.rows());
        groups.setId("duplicateGroups");
        groups.setCellFactory(l -> new ListCell<>() {
            {
                // as wide as the list, the classes wrapping under the group (the list never scrolls sideways)
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(DuplicatesViewModel.GroupRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.describe());
            }
        });
        groups.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedProperty().set(b);
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            // clearAndSelect: in multiple selection, select() would add to what the user chose before
            if (b != null && groups.getSelectionModel().getSelectedItem() != b) groups.getSelectionModel().clearAndSelect(groups.getItems().indexOf(b));
            showMembers(b);
        });
        groups.setPlaceholder(new Label("No groups"));
        groups.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        samePerson.setOnAction(e -> vm.samePerson(List.copyOf(groups.getSelectionModel().getSelectedItems())));
        samePerson.disableProperty().bind(javafx.beans.binding.Bindings.size(groups.getSelectionModel().getSelectedItems()).lessThan(2));

        members.setPadding(new Insets(10));
        members.setId("duplicateMembers");
        ScrollPane scroll = new ScrollPane(members);
        scroll.setFitToWidth(true);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        message.setPadding(new Insets(4, 10, 4, 10));
        BorderPane right = new BorderPane(scroll, null, null, message, null);

        SplitPane split = new SplitPane(groups, right);
        split.setDividerPositions(0.45);
        root.setTop(top);
        root.setCenter(split);
        showMembers(vm.selectedProperty().get());
    }

    private void showMembers(DuplicatesViewModel.GroupRow row) {
        tickets.forEach(ThumbnailCache.Ticket::cancel);
        tickets.clear();
        members.getChildren().clear();
        if (row == null) return;
        for (SampleItem item : vm.members(row)) {
            ImageView view = new ImageView();
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
            var cached = thumbnails.cached(item.relativePath());
            if (cached != null) view.setImage(cached);
            else tickets.add(thumbnails.request(item.sample(), view::setImage));
            Label name = new Label(item.relativePath());
            name.setMaxWidth(THUMB + 40);
            name.setWrapText(true);   // a long path goes on two lines, not to "..."
            name.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            name.setTooltip(new Tooltip(item.relativePath()));
            Label status = new Label(item.sample().className() + " · " + item.getStatus().label());
            status.getStyleClass().add("muted");
            status.setMaxWidth(THUMB + 40);
            status.setWrapText(true);   // "happiness · label disputed" is a little wider than the card
            status.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            Button action;
            if (row.identity()) {
                action = new Button("Not this person");
                action.setTooltip(new Tooltip("Take this image out of the identity (the others stay together)"));
                action.setOnAction(e -> vm.notThisPerson(item));
            } else {
                action = new Button("Keep this one");
                action.setTooltip(new Tooltip("Reject the other images of this group as duplicates"));
                action.setOnAction(e -> {
                    vm.keepOnly(item);
                    showMembers(row);
                });
            }
            VBox card = new VBox(4, view, name, status, action);
            card.setAlignment(Pos.TOP_CENTER);
            card.setPrefWidth(THUMB + 40);
            members.getChildren().add(card);
        }
    }

    public Node node() {
        return root;
    }
}
