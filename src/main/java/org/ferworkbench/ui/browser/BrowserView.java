package org.ferworkbench.ui.browser;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.ui.common.Frames;
import org.ferworkbench.ui.session.SampleItem;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The class list (counts and share bars) and the virtualised thumbnail grid of the selected class, with the
 * status filter and the file-name search. Clicking selects, Ctrl-click adds to the selection (or takes out),
 * Shift-click selects a range; the keys (arrows, Home, End, Page Up/Down, Ctrl+A) are handled by the main view.
 * Opening another class starts at its top.
 */
public final class BrowserView {
    private final BrowserViewModel vm;
    private final ListView<ClassRow> classList = new ListView<>();
    private final javafx.collections.ObservableList<ClassRow> classItems = javafx.collections.FXCollections.observableArrayList();
    private final GridView<SampleItem> grid = new GridView<>();
    /** What the grid shows: the ViewModel's images, filled in two frames when a class opens (see mirror). */
    private final javafx.collections.ObservableList<SampleItem> gridItems = javafx.collections.FXCollections.observableArrayList();
    private boolean fillQueued;
    private final ThumbnailGridSkin<SampleItem> skin;
    private final ThumbnailCache thumbnails;
    private final VBox classesPane;
    private final VBox gridPane;
    private boolean syncing;

    public BrowserView(BrowserViewModel vm, ThumbnailCache thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        classList.setId("classList");
        // a copy of the ViewModel's classes, so that stand-ins can warm the list up (see warmUpSteps)
        classItems.setAll(vm.classes());
        vm.classes().addListener((javafx.collections.ListChangeListener<ClassRow>) c -> classItems.setAll(vm.classes()));
        classList.setItems(classItems);
        classList.setCellFactory(l -> new ClassCell());
        classList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) vm.selectedClassProperty().set(b.className());
        });
        vm.classes().addListener((javafx.collections.ListChangeListener<ClassRow>) c -> syncClassSelection());
        vm.selectedClassProperty().addListener((o, a, b) -> syncClassSelection());
        Label classesTitle = new Label("Classes");
        classesTitle.getStyleClass().add("pane-title");
        VBox.setVgrow(classList, Priority.ALWAYS);
        classesPane = new VBox(6, classesTitle, classList);
        classesPane.getStyleClass().add("classes-pane");
        classesPane.setPadding(new Insets(8));

        ComboBox<StatusFilter> filter = new ComboBox<>();
        filter.setId("statusFilter");
        filter.getItems().setAll(StatusFilter.values());
        filter.valueProperty().bindBidirectional(vm.filterProperty());
        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Search file names");
        search.textProperty().bindBidirectional(vm.searchProperty());
        FontIcon magnify = new FontIcon(MaterialDesignM.MAGNIFY);
        Label shown = new Label();
        shown.setId("shownCount");
        shown.textProperty().bind(vm.shownProperty());
        shown.getStyleClass().add("muted");
        Label show = new Label("Show");
        // the filter, and the search with the count: side by side, or one under the other in a narrow pane
        search.setPrefColumnCount(11);
        HBox filterBox = new HBox(8, show, filter);
        filterBox.setAlignment(Pos.CENTER_LEFT);
        HBox searchBox = new HBox(8, magnify, search, shown);
        searchBox.setAlignment(Pos.CENTER_LEFT);
        for (Region r : new Region[]{show, filter, shown, filterBox, searchBox}) r.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(16, 6, filterBox, searchBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("filter-bar");

        grid.setId("thumbnailGrid");
        grid.setItems(gridItems);
        vm.visibleItems().addListener((javafx.collections.ListChangeListener<SampleItem>) c -> mirror());
        mirror();
        grid.setCellWidth(thumbnails.size() + 12);
        grid.setCellHeight(thumbnails.size() + 30);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setFocusTraversable(true);
        skin = new ThumbnailGridSkin<>(grid);
        grid.setSkin(skin);
        grid.setCellFactory(g -> new ThumbnailCell(thumbnails, vm, (item, toggle, range) -> {
            if (toggle) vm.toggle(item);
            else if (range) vm.extendTo(item);
            else vm.select(item);
            grid.requestFocus();
        }));
        grid.setOnMouseClicked(e -> grid.requestFocus());
        vm.selectedIndexProperty().addListener((o, a, b) -> reveal(b.intValue()));
        // another class starts at its top (its first image is selected), whatever the grid showed before
        vm.selectedClassProperty().addListener((o, a, b) -> Platform.runLater(() -> {
            skin.scrollToTop();
            reveal(vm.selectedIndexProperty().get());
        }));
        Label empty = new Label("No images match the filter.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.visibleItems())
                .and(vm.selectedClassProperty().isNotNull()));
        StackPane gridStack = new StackPane(grid, empty);
        VBox.setVgrow(gridStack, Priority.ALWAYS);
        gridPane = new VBox(bar, gridStack);
        gridPane.getStyleClass().add("grid-pane");
    }

    /**
     * Copies the ViewModel's images into the grid. When an empty grid gets many images at once (a class opens), they
     * come over the next frames: in this one only the class list (the first time: its first cells), in the next the
     * grid's first rows, then the rest, so making the first cells never makes one long frame.
     */
    private void mirror() {
        var items = vm.visibleItems();
        if (fillQueued) return;   // the queued fill takes the ViewModel's latest images
        if (gridItems.isEmpty() && items.size() > 8 && showing()) {
            fillQueued = true;
            nextFrame(() -> {
                var now = vm.visibleItems();
                gridItems.setAll(now.subList(0, Math.min(8, now.size())));
                nextFrame(() -> {
                    fillQueued = false;
                    gridItems.setAll(vm.visibleItems());
                });
            });
        } else {
            gridItems.setAll(items);
        }
    }

    private boolean showing() {
        return grid.getScene() != null && grid.getScene().getWindow() != null && grid.getScene().getWindow().isShowing();
    }

    /**
     * Runs the action once the next frame is laid out (so not in the frame that shows what changed before it, such as
     * a dataset just opened); now when not shown.
     */
    private void nextFrame(Runnable action) {
        if (showing()) Frames.afterFrames(grid.getScene(), 1, action);
        else action.run();
    }

    private void syncClassSelection() {
        syncing = true;
        try {
            String wanted = vm.selectedClassProperty().get();
            ClassRow row = vm.classes().stream().filter(r -> r.className().equals(wanted)).findFirst().orElse(null);
            if (row == null) classList.getSelectionModel().clearSelection();
            else if (classList.getSelectionModel().getSelectedItem() == null
                    || !classList.getSelectionModel().getSelectedItem().equals(row)) classList.getSelectionModel().select(row);
        } finally {
            syncing = false;
        }
    }

    private void reveal(int index) {
        if (index < 0) return;
        // after the grid has laid out the (possibly new) items
        Platform.runLater(() -> skin.reveal(index));
    }

    /** Calls the action whenever the grid scrolls (its scroll bar moves). */
    public void onScroll(Runnable action) {
        grid.skinProperty().addListener((o, a, b) -> hookScrollBar(action));
        grid.needsLayoutProperty().addListener((o, a, b) -> hookScrollBar(action));
    }

    private boolean scrollHooked;

    private void hookScrollBar(Runnable action) {
        if (scrollHooked) return;
        for (Node n : grid.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, a, b) -> action.run());
                scrollHooked = true;
            }
        }
    }

    /**
     * This view's part of the start-up warm-up (see {@code ui.startup.StartupSequence}), one step each:
     * <ol>
     *   <li>a thumbnail cell and a class cell are built and styled once off screen, with the window's style sheets;</li>
     *   <li>while no dataset is open and the grid is on screen (behind the welcome page), the class list gets stand-in
     *   rows, then the grid gets stand-in images the way a class opens (first rows, then a long list);</li>
     *   <li>both are emptied again.</li>
     * </ol>
     * The rows, cells and their styling are made then, not in the frames that show the first dataset. A step that
     * would meet a real dataset does nothing. The stand-in images point to no file.
     */
    public List<Runnable> warmUpSteps(BooleanSupplier noDataset) {
        List<SampleItem> standIns = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String file = "warm-up-" + i + ".jpg";
            standIns.add(new SampleItem(new Sample("warm-up", 0, "warm-up/" + file, Path.of("warm-up", file)), null, null));
        }
        List<ClassRow> classStandIns = new ArrayList<>();
        for (int i = 0; i < 7; i++) classStandIns.add(new ClassRow("warm-up " + i, i, 1000, 0.14, 1, 1, 1, 1, 1, 1));
        // nothing real in the list or the grid (or on its way to the grid)
        BooleanSupplier idle = () -> !fillQueued && vm.visibleItems().isEmpty() && vm.classes().isEmpty()
                && (gridItems.isEmpty() || gridItems.get(0) == standIns.get(0));
        List<Runnable> standInSteps = List.of(
                () -> classItems.setAll(classStandIns.subList(0, 3)),
                () -> classItems.setAll(classStandIns),
                () -> gridItems.setAll(standIns.subList(0, 8)),
                () -> gridItems.setAll(standIns));
        List<Runnable> steps = new ArrayList<>();
        steps.add(this::warmUpCells);
        for (Runnable step : standInSteps) {
            steps.add(() -> {
                if (grid.getScene() != null && noDataset.getAsBoolean() && idle.getAsBoolean()) step.run();
            });
        }
        steps.add(() -> {
            if (!idle.getAsBoolean()) return;   // the dataset's own rows replaced the stand-ins
            gridItems.clear();
            classItems.setAll(vm.classes());
        });
        return steps;
    }

    /** A thumbnail cell and a class cell, made, styled and laid out once off screen. */
    private void warmUpCells() {
        var sample = new Sample("warm-up", 0, "warm-up/warm-up.jpg", Path.of("warm-up", "warm-up.jpg"));
        ThumbnailCell cell = new ThumbnailCell(thumbnails, vm, (i, toggle, range) -> { });
        cell.updateItem(new SampleItem(sample, null, null), false);
        ClassCell classCell = new ClassCell();
        classCell.updateItem(new ClassRow("warm-up", 0, 1, 1.0, 1, 1, 1, 1, 1, 1), false);
        StackPane root = new StackPane(cell, classCell);
        javafx.scene.Scene scene = new javafx.scene.Scene(root, 300, 200);
        var window = classesPane.getScene();
        if (window != null) scene.getStylesheets().setAll(window.getStylesheets());
        root.applyCss();
        root.layout();
        cell.updateItem(null, true);
    }

    /** Columns per row of the grid (the up/down arrow moves by one row). */
    public int columns() {
        return skin.columns();
    }

    /** Images per page of the grid (Page Up and Page Down move by it): its columns times the rows that fit. */
    public int pageSize() {
        return skin.columns() * skin.rowsPerPage();
    }

    /** The first row the grid shows (0 when scrolled to the top). */
    public int firstVisibleRow() {
        return skin.firstVisibleRow();
    }

    public Node classesNode() {
        return classesPane;
    }

    public Node gridNode() {
        return gridPane;
    }

    public GridView<SampleItem> grid() {
        return grid;
    }

    /**
     * A class: name, count, share bar, and what needs attention (plain text nodes: cheap to make). The cell is never
     * wider than the list: its notes wrap, and the count goes under the name when both do not fit on one line.
     */
    private static final class ClassCell extends ListCell<ClassRow> {
        private final javafx.scene.text.Text name = new javafx.scene.text.Text();
        private final javafx.scene.text.Text count = new javafx.scene.text.Text();
        private final Region bar = new Region();
        private final Region track = new Region();
        private final javafx.scene.text.Text detail = new javafx.scene.text.Text();
        /** The export plan's rows for the class, on a line of its own so the list keeps its width. */
        private final javafx.scene.text.Text planned = new javafx.scene.text.Text();
        private final StackPane bars;
        private final NameAndCount top = new NameAndCount(name, count);
        private final VBox box;

        ClassCell() {
            name.getStyleClass().add("class-name");
            count.getStyleClass().add("class-count");
            bar.getStyleClass().add("share-bar");
            track.getStyleClass().add("share-track");
            bars = new StackPane(track, bar);
            StackPane.setAlignment(bar, Pos.CENTER_LEFT);
            bars.setMinHeight(6);
            bars.setPrefHeight(6);
            bars.setMaxHeight(6);
            bar.setMaxHeight(6);
            track.setMaxHeight(6);
            detail.getStyleClass().add("class-detail");
            planned.getStyleClass().add("class-detail");
            planned.managedProperty().bind(planned.visibleProperty());
            box = new VBox(3, top, bars, detail, planned);
            box.setMinWidth(0);
            // as wide as the list gives, whatever the text: a wider cell would make the list scroll sideways
            setMinWidth(0);
            setPrefWidth(0);
        }

        /** The texts wrap at the cell's inner width (the list asks for the height at a width before it sets it). */
        private void fitTo(double width) {
            double inner = Math.max(20, width - snappedLeftInset() - snappedRightInset());
            detail.setWrappingWidth(inner);
            planned.setWrappingWidth(inner);
            top.setWidthHint(inner);
            box.setPrefWidth(inner);
        }

        @Override
        protected double computePrefHeight(double width) {
            if (width > 0) fitTo(width);
            return super.computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            fitTo(getWidth());
            super.layoutChildren();
        }

        @Override
        protected void updateItem(ClassRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.className());
            count.setText(String.format("%,d · %.1f%%", row.images(), row.share() * 100));
            bar.maxWidthProperty().unbind();
            bar.maxWidthProperty().bind(bars.widthProperty().multiply(row.share()));
            StringBuilder d = new StringBuilder("label " + row.label());
            if (row.rejected() > 0) d.append(String.format(" · %,d rejected", row.rejected()));
            if (row.needsLook() > 0) d.append(String.format(" · %,d need a look", row.needsLook()));
            if (row.unreadable() > 0) d.append(String.format(" · %,d unreadable", row.unreadable()));
            if (row.duplicates() > 0) d.append(String.format(" · %,d duplicated", row.duplicates()));
            detail.setText(d.toString());
            // the export's plan (the Distribution tab's numbers): rows this class gets in train and test
            planned.setVisible(row.plannedTrain() >= 0);
            planned.setText(row.plannedTrain() < 0 ? "" : String.format("exports %,d train + %,d test", row.plannedTrain(), row.plannedTest()));
            setGraphic(box);
        }

        /** All the cell's text, for tests. */
        String allText() {
            return name.getText() + " " + count.getText() + " " + detail.getText() + " " + planned.getText();
        }
    }

    /**
     * A class's name with its count at the right; when both do not fit on one line, the count goes on the next, at the
     * right too (a long name wraps).
     */
    private static final class NameAndCount extends Region {
        private static final double GAP = 6;
        private final javafx.scene.text.Text name;
        private final javafx.scene.text.Text count;
        private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
        private double widthHint = -1;

        NameAndCount(javafx.scene.text.Text name, javafx.scene.text.Text count) {
            this.name = name;
            this.count = count;
            getChildren().addAll(name, count);
            setMinWidth(0);
        }

        void setWidthHint(double width) {
            if (width == widthHint) return;
            widthHint = width;
            requestLayout();
        }

        /** A text's width on one line (measured on a copy: changing the shown one would ask for another layout). */
        private double natural(javafx.scene.text.Text t) {
            measure.setFont(t.getFont());
            measure.setText(t.getText());
            return measure.getLayoutBounds().getWidth();
        }

        /** Lays the texts out for a width (wraps the name if need be); true when both fit on one line. */
        private boolean arrange(double width) {
            double nameWidth = natural(name);
            double countWidth = natural(count);
            boolean oneLine = nameWidth + GAP + countWidth <= width;
            name.setWrappingWidth(nameWidth <= width ? 0 : width);
            return oneLine;
        }

        @Override
        protected double computePrefWidth(double height) {
            return widthHint > 0 ? widthHint : natural(name) + GAP + natural(count);
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = width > 0 ? width : widthHint > 0 ? widthHint : computePrefWidth(-1);
            boolean oneLine = arrange(w);
            double nameHeight = name.getLayoutBounds().getHeight();
            double countHeight = count.getLayoutBounds().getHeight();
            return oneLine ? Math.max(nameHeight, countHeight) : nameHeight + countHeight;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            boolean oneLine = arrange(w);
            double countWidth = count.getLayoutBounds().getWidth();
            name.relocate(0, 0);
            double nameHeight = name.getLayoutBounds().getHeight();
            if (oneLine) {
                // on the name's (first) baseline
                count.relocate(w - countWidth, name.getBaselineOffset() - count.getBaselineOffset());
            } else {
                count.relocate(Math.max(0, w - countWidth), nameHeight);
            }
        }
    }
}
