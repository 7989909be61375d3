package org.ferworkbench.ui.main;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.WindowEvent;
import org.ferworkbench.ui.browser.BrowserView;
import org.ferworkbench.ui.browser.ThumbnailCache;
import org.ferworkbench.ui.charts.DistributionView;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.UserActivity;
import org.ferworkbench.ui.export.ExportView;
import org.ferworkbench.ui.inspector.InspectorView;
import org.ferworkbench.ui.review.DecisionHistoryView;
import org.ferworkbench.ui.review.DecisionToast;
import org.ferworkbench.ui.settings.SettingsView;
import org.ferworkbench.ui.startup.Staged;
import org.ferworkbench.ui.startup.StepQueue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The main window: menu ({@link MainMenu}) and tool bar ({@link MainToolBar}), the class list, the thumbnail grid (or
 * the distribution charts), the inspector / settings / export panes, and the status bar ({@link StatusBar}). Without
 * a dataset, the welcome page ({@link WelcomePage}) covers the views. Keys: see {@link Shortcut} (the review keys act
 * only where the keyboard is in the grid, the inspector or on a review button); every decision is confirmed at the
 * bottom of the window ({@link DecisionToast}), and the History tab lists them.
 */
public final class MainView {
    private final WorkbenchViewModels vms;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final StackPane center;
    /** The confirmation of the latest decision, over the views. */
    private final Node toast;
    private final Tab chartsTab = new Tab("Distribution");
    private final Tab duplicatesTab = new Tab("Groups");
    private final Tab inspectorTab = new Tab("Inspector");
    private final Tab settingsTab = new Tab("Settings");
    private final Tab exportTab = new Tab("Export");
    private final Tab historyTab = new Tab("History");
    /** What is left to build of the dataset views, a step per entry (the start-up sequence runs them). */
    private final StepQueue viewSteps = new StepQueue();
    private UserActivity activity;
    // the dataset views: built after the first frame (viewSteps) or at the latest when a dataset opens
    private SplitPane split;
    private TabPane centerTabs;
    private TabPane sideTabs;
    private BrowserView browser;
    private DistributionView distribution;
    private InspectorView inspector;
    private SettingsView settingsView;
    private ExportView exportView;

    /**
     * Builds the window's frame only: menu, tool bar, welcome page and status bar, so the window can show at once.
     * The dataset views (class list and grid, charts, inspector, settings, export) follow from {@link #buildSteps()},
     * a step at a time, or all at once with {@link #buildViews()}; opening a dataset builds whatever is still missing
     * before the scan starts, so they always exist before a dataset is shown.
     */
    public MainView(WorkbenchViewModels vms, DialogService dialogs, ThumbnailCache thumbnails) {
        this.vms = vms;
        this.dialogs = dialogs;
        exportTab.setId("exportTab");

        WindowActions actions = new WindowActions(this::chooseAndOpen, this::startExport,
                () -> centerTabs().getSelectionModel().select(0), () -> centerTabs().getSelectionModel().select(1),
                this::saveChart, this::quit, this::showHistory);
        toast = new DecisionToast(vms.review()).node();
        center = new StackPane(new WelcomePage(vms.main(), actions.open()).node(), toast);
        root.setTop(new VBox(new MainMenu(vms, dialogs, actions).node(), new MainToolBar(vms, actions).node()));
        root.setCenter(center);
        root.setBottom(new StatusBar(vms.main()).node());
        root.setId("mainRoot");
        root.getStyleClass().add("workbench");
        installDragAndDrop(root);
        vms.main().openingProperty().addListener((o, a, b) -> {
            if (b) buildViews();
        });
        // after opening, the keys go to the images
        vms.main().sessionProperty().addListener((o, a, b) -> {
            if (b != null) {
                buildViews();
                Platform.runLater(this::focusGrid);
            }
        });

        // one step per event, and each new view enters the scene on its own, so that no frame styles them all at once
        viewSteps.add(() -> {
            browser = new BrowserView(vms.browser(), thumbnails);
            KeyFocus.markReviewArea(browser.grid());
            if (activity != null) browser.onScroll(activity::mark);
        });
        viewSteps.add(this::assembleViews);
        // the grid and its filter bar go into their tab one step after the split and tabs, each a long frame at once
        viewSteps.add(() -> centerTabs.getTabs().get(0).setContent(browser.gridNode()));
        viewSteps.add(() -> {
            distribution = new DistributionView(vms.distribution(), dialogs);
            chartsTab.setContent(distribution.node());
        });
        viewSteps.add(() -> duplicatesTab.setContent(new org.ferworkbench.ui.duplicates.DuplicatesView(vms.duplicates(), thumbnails).node()));
        // the forms' content comes back a few nodes per step (next in line), so that no frame styles a whole form
        viewSteps.add(() -> {
            inspector = new InspectorView(vms.inspector());
            KeyFocus.markReviewArea(inspector.node());
            List<Runnable> parts = Staged.detachContent(inspector.node(), 2);
            inspectorTab.setContent(inspector.node());
            viewSteps.addNext(parts);
        });
        viewSteps.add(() -> {
            settingsView = new SettingsView(vms.settings());
            List<Runnable> rows = settingsView.detachRows(6);
            settingsTab.setContent(settingsView.node());
            viewSteps.addNext(rows);
        });
        viewSteps.add(() -> {
            exportView = new ExportView(vms.export());
            List<Runnable> parts = Staged.detachContent(exportView.node(), 3);
            exportTab.setContent(exportView.node());
            viewSteps.addNext(parts);
        });
        viewSteps.add(() -> historyTab.setContent(new DecisionHistoryView(vms.review()).node()));
    }

    /** The steps that build the dataset views, for the start-up sequence; each is short enough for one frame. */
    public StepQueue buildSteps() {
        return viewSteps;
    }

    /** Builds every dataset view not built yet. */
    public void buildViews() {
        viewSteps.runAll();
    }

    /** True once every dataset view exists. */
    public boolean viewsBuilt() {
        return viewSteps.isEmpty();
    }

    /** The split with the class list and the grid, and the tabs the other views go into as they are built. */
    private void assembleViews() {
        Tab images = new Tab("Images");
        images.setId("imagesTab");
        chartsTab.setId("distributionTab");
        duplicatesTab.setId("duplicatesTab");
        centerTabs = new TabPane(images, chartsTab, duplicatesTab);
        centerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centerTabs.setId("centerTabs");
        // the images' filter bar and the Distribution tab's rows: the side panes give way before the centre does
        centerTabs.setMinWidth(350);

        inspectorTab.setId("inspectorTab");
        settingsTab.setId("settingsTab");
        historyTab.setId("historyTab");
        sideTabs = new TabPane(inspectorTab, settingsTab, exportTab, historyTab);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sideTabs.setId("sideTabs");
        // the inspector's picture (380 px) with the pane's padding and scroll bar: never cut off on the right
        sideTabs.setMinWidth(420);

        Node classes = browser.classesNode();
        ((Region) classes).setMinWidth(170);
        split = new SplitPane(classes, centerTabs, sideTabs);
        split.setId("mainSplit");
        SplitPane.setResizableWithParent(classes, false);
        SplitPane.setResizableWithParent(sideTabs, false);
        split.setDividerPositions(savedDividers());
        split.visibleProperty().bind(vms.main().sessionProperty().isNotNull());
        center.getChildren().add(0, split);
    }

    private double[] savedDividers() {
        double[] saved = vms.main().preferences().dividers.get("main");
        return saved != null && saved.length == 2 ? saved : new double[]{0.17, 0.62};
    }

    /** Positions of the two dividers of the main split (saved with the preferences). */
    public double[] dividerPositions() {
        return split != null ? split.getDividerPositions() : savedDividers();
    }

    private void chooseAndOpen() {
        var s = vms.main().getSession();
        Path initial = s != null ? s.root().getParent()
                : vms.main().recentDatasets().isEmpty() ? null : vms.main().recentDatasets().get(0).getParent();
        dialogs.chooseDirectory("Open a dataset folder (one sub-folder per class)", initial).ifPresent(vms.main()::openDataset);
    }

    private void startExport() {
        buildViews();
        sideTabs.getSelectionModel().select(exportTab);
        vms.export().start();
    }

    private void saveChart() {
        buildViews();
        centerTabs.getSelectionModel().select(1);
        var file = dialogs.chooseSaveFile("Save chart", null, vms.distribution().suggestedFileName(), "PNG image", "png");
        file.ifPresent(distribution::savePngTo);
    }

    private void showHistory() {
        buildViews();
        sideTabs.getSelectionModel().select(historyTab);
    }

    /** As a close request, so quitting during an export asks first, like the window's close button. */
    private void quit() {
        var window = root.getScene().getWindow();
        window.fireEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    private void installDragAndDrop(Node target) {
        target.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() && FolderDrop.accepts(db.getFiles())) e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
        });
        target.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            var folder = db.hasFiles() ? FolderDrop.folderToOpen(db.getFiles()) : Optional.<Path>empty();
            folder.ifPresent(vms.main()::openDataset);
            e.setDropCompleted(folder.isPresent());
            e.consume();
        });
    }

    /**
     * The review and grid keys ({@link Shortcut}): the review keys (A, R, U, N) act only while the keyboard is in the
     * image grid, the inspector or on a review button of the tool bar, the grid's keys (arrows, Home, End, Page Up and
     * Down, Ctrl+A) only in the grid; anywhere else the key is left alone, and a review key pressed there (outside a
     * text field: in the reason list, say) says so instead of doing nothing unseen. A filter (not a handler), so containers such as the tab
     * pane never turn an arrow key meant for the grid into a tab switch. A click outside the review areas (blank space
     * in the Settings, say) takes the keyboard away from the grid, so typing there never decides anything. Redo's
     * second key (Ctrl+Y) is an accelerator of the window, as Undo's and Redo's menu items are.
     */
    public void installKeys(Scene scene) {
        scene.getAccelerators().put(Shortcut.REDO_AGAIN.combination(), () -> vms.review().redo());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (vms.main().getSession() == null || browser == null) return;
            Shortcut key = Shortcut.reviewKey(e);
            if (key == null) return;
            Node focus = scene.getFocusOwner();
            boolean acts = key.scope() == Shortcut.Scope.GRID
                    ? focus != null && !KeyFocus.takesKeys(focus) && KeyFocus.isInside(focus, browser.grid())
                    : KeyFocus.inReviewArea(focus);
            if (!acts) {
                if (key.scope() == Shortcut.Scope.REVIEW && !(focus instanceof TextInputControl)) {
                    vms.review().keyIgnored(key.displayText());
                }
                return;
            }
            reviewKeyAction(key).run();
            e.consume();
        });
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!(e.getTarget() instanceof Node target)) return;
            Node focus = scene.getFocusOwner();
            if (KeyFocus.inReviewArea(target) || !KeyFocus.inReviewArea(focus)) return;
            // the menu and tool bars, the status bar and the confirmation act on the images: the keyboard stays there
            if (KeyFocus.isInside(target, root.getTop()) || KeyFocus.isInside(target, root.getBottom())) return;
            if (KeyFocus.isInside(target, toast)) return;
            // the nearest container that can take the keyboard (a disabled form cannot; its scroll pane can)
            for (Node n = target; n != null && KeyFocus.inReviewArea(scene.getFocusOwner()); n = n.getParent()) {
                if (n instanceof Parent && !n.isDisabled()) n.requestFocus();
            }
        });
    }

    private Runnable reviewKeyAction(Shortcut key) {
        var review = vms.review();
        var grid = vms.browser();
        return switch (key) {
            case ACCEPT -> review::accept;
            case REJECT -> review::reject;
            case UNDO_KEY -> review::undo;
            case NEXT -> review::next;
            case PREVIOUS_IMAGE -> () -> grid.move(-1);
            case NEXT_IMAGE -> () -> grid.move(1);
            case ROW_UP -> () -> grid.move(-browser.columns());
            case ROW_DOWN -> () -> grid.move(browser.columns());
            case FIRST_IMAGE -> () -> grid.selectIndex(0);
            case LAST_IMAGE -> () -> grid.selectIndex(Integer.MAX_VALUE);
            case PAGE_UP -> () -> grid.move(-browser.pageSize());
            case PAGE_DOWN -> () -> grid.move(browser.pageSize());
            case EXTEND_LEFT -> () -> grid.extendBy(-1);
            case EXTEND_RIGHT -> () -> grid.extendBy(1);
            case EXTEND_UP -> () -> grid.extendBy(-browser.columns());
            case EXTEND_DOWN -> () -> grid.extendBy(browser.columns());
            case SELECT_ALL -> grid::selectAll;
            default -> () -> { };
        };
    }

    /** Scrolling the grid by any means (wheel, scroll bar, keys) counts as the user being busy. */
    public void watchScrolling(UserActivity activity) {
        this.activity = activity;
        if (browser != null) browser.onScroll(activity::mark);
    }

    /**
     * The dataset views' warm-up, for the start-up sequence (views built first): the class list, the grid and the
     * distribution table go through stand-in rows and are emptied again (the steps are theirs) while, if no dataset
     * is open, the views are shown behind the (opaque) welcome page, from the first step to the last. The renderer's
     * side of every node and the first rows and cells are made then, not in the frames that open the first dataset.
     */
    public List<Runnable> warmUpSteps() {
        buildViews();
        BooleanSupplier noDataset = () -> vms.main().getSession() == null && !vms.main().openingProperty().get();
        List<Runnable> steps = new ArrayList<>(browser.warmUpSteps(noDataset));
        steps.addAll(distribution.warmUpSteps(noDataset));
        // shown with the first step and hidden with the last, not in steps of their own (two frames each for a flag)
        Runnable first = steps.get(0);
        steps.set(0, () -> {
            if (noDataset.getAsBoolean() && root.getScene() != null) {
                split.visibleProperty().unbind();
                split.setVisible(true);
            }
            first.run();
        });
        Runnable last = steps.get(steps.size() - 1);
        steps.set(steps.size() - 1, () -> {
            last.run();
            if (!split.visibleProperty().isBound()) split.visibleProperty().bind(vms.main().sessionProperty().isNotNull());
        });
        return steps;
    }

    /** Gives the keyboard to the grid (after opening a dataset). */
    public void focusGrid() {
        if (browser != null) browser.grid().requestFocus();
    }

    public Parent root() {
        return root;
    }

    public TabPane centerTabs() {
        buildViews();
        return centerTabs;
    }

    public TabPane sideTabs() {
        buildViews();
        return sideTabs;
    }

    public BrowserView browser() {
        buildViews();
        return browser;
    }

    public InspectorView inspector() {
        buildViews();
        return inspector;
    }

    public DistributionView distribution() {
        buildViews();
        return distribution;
    }
}
