package org.ferworkbench.ui.main;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.ui.browser.BrowserView;
import org.ferworkbench.ui.browser.ThumbnailCache;
import org.ferworkbench.ui.charts.DistributionView;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.Theme;
import org.ferworkbench.ui.export.ExportView;
import org.ferworkbench.ui.inspector.InspectorView;
import org.ferworkbench.ui.settings.SettingsView;
import org.ferworkbench.ui.startup.Staged;
import org.ferworkbench.ui.startup.StepQueue;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The main window: menu and tool bar, the class list, the thumbnail grid (or the distribution charts), the
 * inspector / settings / export panes, and a status bar with the background check. Without a dataset, a welcome
 * pane offers open, recent datasets and drop. Keys: arrows move, A accept, R reject, U undo.
 */
public final class MainView {
    private final WorkbenchViewModels vms;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final StackPane center;
    private final Tab chartsTab = new Tab("Distribution");
    private final Tab inspectorTab = new Tab("Inspector");
    private final Tab settingsTab = new Tab("Settings");
    private final Tab exportTab = new Tab("Export");
    private final Menu recentMenu = new Menu("Open Recent");
    private final VBox welcomeRecent = new VBox(4);
    /** What is left to build of the dataset views, a step per entry (the start-up sequence runs them). */
    private final StepQueue viewSteps = new StepQueue();
    private org.ferworkbench.ui.common.UserActivity activity;
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

        Node welcome = welcome();
        welcome.visibleProperty().bind(vms.main().sessionProperty().isNull());
        center = new StackPane(welcome);

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(center);
        root.setBottom(statusBar());
        root.setId("mainRoot");
        root.getStyleClass().add("workbench");
        installDragAndDrop(root);
        vms.main().recentDatasets().addListener((ListChangeListener<Path>) c -> updateRecent());
        vms.main().openingProperty().addListener((o, a, b) -> {
            if (b) buildViews();
        });
        // after opening, the keys go to the images
        vms.main().sessionProperty().addListener((o, a, b) -> {
            if (b != null) {
                buildViews();
                javafx.application.Platform.runLater(this::focusGrid);
            }
        });
        updateRecent();

        // one step per event, and each new view enters the scene on its own, so that no frame styles them all at once
        viewSteps.add(() -> {
            browser = new BrowserView(vms.browser(), thumbnails);
            if (activity != null) browser.onScroll(activity::mark);
        });
        viewSteps.add(this::assembleViews);
        // the grid and its filter bar go into their tab one step after the split and tabs, each a long frame at once
        viewSteps.add(() -> centerTabs.getTabs().get(0).setContent(browser.gridNode()));
        viewSteps.add(() -> {
            distribution = new DistributionView(vms.distribution(), dialogs);
            chartsTab.setContent(distribution.node());
        });
        // the forms' content comes back a few nodes per step (next in line), so that no frame styles a whole form
        viewSteps.add(() -> {
            inspector = new InspectorView(vms.inspector());
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
        centerTabs = new TabPane(images, chartsTab);
        centerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centerTabs.setId("centerTabs");

        inspectorTab.setId("inspectorTab");
        settingsTab.setId("settingsTab");
        sideTabs = new TabPane(inspectorTab, settingsTab, exportTab);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sideTabs.setId("sideTabs");
        sideTabs.setMinWidth(360);

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

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open Dataset…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen());
        MenuItem close = new MenuItem("Close Dataset");
        close.setOnAction(e -> vms.main().closeDataset());
        close.disableProperty().bind(vms.main().sessionProperty().isNull());
        MenuItem export = new MenuItem("Export…", new FontIcon(MaterialDesignE.EXPORT));
        export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        export.setOnAction(e -> startExport());
        export.disableProperty().bind(vms.export().canExportProperty().not());
        // a menu item has no room beside it: it says that the settings stand in the way, the tool bar says which
        export.textProperty().bind(Bindings.when(vms.export().exportBlockedReasonProperty().isEmpty())
                .then("Export…").otherwise("Export… (fix the settings first)"));
        MenuItem saveChart = new MenuItem("Save Distribution Chart as PNG…");
        saveChart.setOnAction(e -> {
            buildViews();
            centerTabs.getSelectionModel().select(1);
            var file = dialogs.chooseSaveFile("Save chart", null, vms.distribution().suggestedFileName(), "PNG image", "png");
            file.ifPresent(distribution::savePngTo);
        });
        saveChart.disableProperty().bind(vms.main().sessionProperty().isNull());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        // as a close request, so quitting during an export asks first, like the window's close button
        quit.setOnAction(e -> {
            var window = root.getScene().getWindow();
            window.fireEvent(new javafx.stage.WindowEvent(window, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        Menu file = new Menu("File", null, open, recentMenu, close, new SeparatorMenuItem(), export, saveChart,
                new SeparatorMenuItem(), quit);

        MenuItem accept = new MenuItem("Accept            A", new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        accept.setOnAction(e -> vms.review().accept());
        MenuItem reject = new MenuItem("Reject            R", new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        reject.setOnAction(e -> vms.review().reject());
        MenuItem undo = new MenuItem("Undo              U", new FontIcon(MaterialDesignU.UNDO));
        undo.setOnAction(e -> vms.review().undo());
        undo.disableProperty().bind(vms.review().canUndoProperty().not());
        MenuItem next = new MenuItem("Next Image Needing a Look   N");
        next.setOnAction(e -> vms.review().next());
        javafx.scene.control.CheckMenuItem mode = new javafx.scene.control.CheckMenuItem("Review Mode");
        mode.selectedProperty().bindBidirectional(vms.review().reviewModeProperty());
        Menu review = new Menu("Review", null, accept, reject, undo, new SeparatorMenuItem(), next, mode);
        review.disableProperty().bind(vms.main().sessionProperty().isNull());

        MenuItem recheck = new MenuItem("Check Images Again");
        recheck.setOnAction(e -> vms.main().restartChecks());
        MenuItem pause = new MenuItem("Pause Checking");
        pause.setOnAction(e -> vms.main().cancelChecks());
        pause.disableProperty().bind(vms.main().backgroundRunningProperty().not());
        MenuItem workspace = new MenuItem("Open Workspace Folder");
        workspace.setOnAction(e -> {
            var s = vms.main().getSession();
            if (s != null) dialogs.openFolder(s.workspace().folder());
        });
        Menu dataset = new Menu("Dataset", null, recheck, pause, workspace);
        dataset.disableProperty().bind(vms.main().sessionProperty().isNull());

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light Theme");
        light.setToggleGroup(themes);
        RadioMenuItem dark = new RadioMenuItem("Dark Theme");
        dark.setToggleGroup(themes);
        (vms.main().themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        themes.selectedToggleProperty().addListener((o, a, b) -> vms.main().themeProperty().set(b == dark ? Theme.DARK : Theme.LIGHT));
        vms.main().themeProperty().addListener((o, a, b) -> (b == Theme.DARK ? dark : light).setSelected(true));
        MenuItem showImages = new MenuItem("Images");
        showImages.setAccelerator(KeyCombination.keyCombination("Shortcut+1"));
        showImages.setOnAction(e -> centerTabs().getSelectionModel().select(0));
        MenuItem showCharts = new MenuItem("Distribution");
        showCharts.setAccelerator(KeyCombination.keyCombination("Shortcut+2"));
        showCharts.setOnAction(e -> centerTabs().getSelectionModel().select(1));
        Menu view = new Menu("View", null, showImages, showCharts, new SeparatorMenuItem(), light, dark);

        MenuItem keys = new MenuItem("Keyboard Shortcuts");
        keys.setOnAction(e -> dialogs.showInfo("Keyboard shortcuts", String.join("\n",
                "Arrow keys: move through the images",
                "A: accept the selected image",
                "R: reject it (with the reason chosen in the tool bar)",
                "U: undo the last decision",
                "N: next image that needs a look",
                "Ctrl+O: open a dataset · Ctrl+E: export")));
        MenuItem about = new MenuItem("About FER Workbench");
        about.setOnAction(e -> dialogs.showInfo("About FER Workbench", "FER Workbench "
                + org.ferworkbench.core.pipeline.Version.current()
                + "\nTurns a folder-per-class facial-expression dataset into training-ready arrays, reproducing the "
                + "data preparation of \"Investigating the problem domain of FER in the wild\"."));
        Menu help = new Menu("Help", null, keys, about);
        MenuBar bar = new MenuBar(file, dataset, review, view, help);
        bar.setId("menuBar");
        return bar;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a dataset folder (Ctrl+O)"));
        open.setOnAction(e -> chooseAndOpen());
        MenuButton recent = new MenuButton(null, new FontIcon(MaterialDesignH.HISTORY));
        recent.setTooltip(new Tooltip("Recent datasets"));
        recent.setId("recentButton");
        recentMenu.getItems().addListener((ListChangeListener<MenuItem>) c -> recent.getItems().setAll(copies(recentMenu.getItems())));

        ToggleButton mode = new ToggleButton("Review mode", new FontIcon(MaterialDesignM.MAGNIFY_SCAN));
        mode.setId("reviewMode");
        mode.setTooltip(new Tooltip("Step through the images that need a look (no face, several faces, low probability)"));
        mode.selectedProperty().bindBidirectional(vms.review().reviewModeProperty());
        Button accept = new Button("Accept", new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        accept.setId("acceptButton");
        accept.getStyleClass().add("accept");
        accept.setTooltip(new Tooltip("Keep the selected image (A)"));
        accept.setOnAction(e -> vms.review().accept());
        Button reject = new Button("Reject", new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        reject.setId("rejectButton");
        reject.getStyleClass().add("reject");
        reject.setTooltip(new Tooltip("Leave the selected image out of the export (R)"));
        reject.setOnAction(e -> vms.review().reject());
        ChoiceBox<RejectReason> reason = new ChoiceBox<>();
        reason.setId("rejectReason");
        reason.getItems().setAll(RejectReason.values());
        reason.valueProperty().bindBidirectional(vms.review().reasonProperty());
        reason.setTooltip(new Tooltip("Reason recorded with a rejection"));
        reason.setConverter(new StringConverter<>() {
            @Override
            public String toString(RejectReason r) {
                return r == null ? "" : "because: " + r.label();
            }

            @Override
            public RejectReason fromString(String s) {
                return null;
            }
        });
        Button undo = new Button("Undo", new FontIcon(MaterialDesignU.UNDO));
        undo.setId("undoButton");
        undo.setTooltip(new Tooltip("Take back the last decision (U)"));
        undo.setOnAction(e -> vms.review().undo());
        undo.disableProperty().bind(vms.review().canUndoProperty().not());
        for (Node n : List.of(accept, reject, reason)) {
            n.disableProperty().bind(vms.review().hasSelectionProperty().not());
        }
        Label reviewLeft = new Label();
        reviewLeft.setId("reviewProgress");
        reviewLeft.textProperty().bind(vms.review().progressProperty());
        reviewLeft.getStyleClass().add("muted");

        Button export = new Button("Export", new FontIcon(MaterialDesignE.EXPORT));
        export.setId("exportButton");
        export.getStyleClass().add("accent");
        export.setTooltip(new Tooltip("Export the prepared arrays (Ctrl+E)"));
        export.setOnAction(e -> startExport());
        export.disableProperty().bind(vms.export().canExportProperty().not());
        Label blocked = new Label();
        blocked.setId("exportBlocked");
        blocked.getStyleClass().add("error-text");
        blocked.textProperty().bind(vms.export().exportBlockedReasonProperty());
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.setMinWidth(0);   // cut short with "…" rather than push Export into the tool bar's overflow menu
        blocked.setTooltip(new Tooltip());
        blocked.getTooltip().textProperty().bind(blocked.textProperty());
        ToggleButton theme = new ToggleButton(null, new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.setId("themeToggle");
        theme.setTooltip(new Tooltip("Light or dark theme"));
        theme.setSelected(vms.main().themeProperty().get() == Theme.DARK);
        theme.selectedProperty().addListener((o, a, b) -> vms.main().themeProperty().set(b ? Theme.DARK : Theme.LIGHT));
        vms.main().themeProperty().addListener((o, a, b) -> theme.setSelected(b == Theme.DARK));

        // the free space of the tool bar, the reason Export is off at its right end (it asks for no room of its own)
        HBox spacer = new HBox(blocked);
        spacer.setAlignment(Pos.CENTER_RIGHT);
        spacer.setMinWidth(0);
        spacer.setPrefWidth(0);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox reviewBox = new HBox(6, mode, accept, reject, reason, undo, reviewLeft);
        reviewBox.setAlignment(Pos.CENTER_LEFT);
        reviewBox.disableProperty().bind(vms.main().sessionProperty().isNull());
        ToolBar bar = new ToolBar(open, recent, new Separator(Orientation.VERTICAL), reviewBox, spacer, export, theme);
        bar.setId("toolBar");
        return bar;
    }

    private static List<MenuItem> copies(List<MenuItem> items) {
        return items.stream().map(i -> {
            MenuItem c = new MenuItem(i.getText());
            c.setOnAction(i.getOnAction());
            c.setDisable(i.isDisable());
            return c;
        }).toList();
    }

    private Node welcome() {
        Label title = new Label("FER Workbench");
        title.getStyleClass().add("welcome-title");
        var logoUrl = MainView.class.getResource("/org/ferworkbench/ui/common/icons/fer-workbench-128.png");
        if (logoUrl != null) {
            javafx.scene.image.ImageView logo = new javafx.scene.image.ImageView(new javafx.scene.image.Image(logoUrl.toExternalForm(), true));
            logo.setFitWidth(96);
            logo.setFitHeight(96);
            title.setGraphic(logo);
            title.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        }
        Label text = new Label("Open a dataset folder with one sub-folder of images per class "
                + "(anger/, disgust/, fear/, …) to browse, review and export it.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("muted");
        Button open = new Button("Open a dataset folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setId("welcomeOpen");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> chooseAndOpen());
        Label drop = new Label("or drop a folder anywhere on this window");
        drop.getStyleClass().add("muted");
        Label recentTitle = new Label("Recent datasets");
        recentTitle.getStyleClass().add("section-title");
        recentTitle.visibleProperty().bind(Bindings.isNotEmpty(vms.main().recentDatasets()));
        javafx.scene.control.ProgressIndicator opening = new javafx.scene.control.ProgressIndicator();
        opening.setPrefSize(28, 28);
        opening.visibleProperty().bind(vms.main().openingProperty());
        VBox box = new VBox(12, title, text, open, drop, opening, recentTitle, welcomeRecent);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        welcomeRecent.setAlignment(Pos.CENTER);
        StackPane pane = new StackPane(box);
        pane.getStyleClass().add("welcome");
        pane.setId("welcome");
        return pane;
    }

    private void updateRecent() {
        recentMenu.getItems().clear();
        welcomeRecent.getChildren().clear();
        for (Path p : vms.main().recentDatasets()) {
            MenuItem item = new MenuItem(FileNames.path(p));
            item.setOnAction(e -> vms.main().openDataset(p));
            recentMenu.getItems().add(item);
            Hyperlink link = new Hyperlink(FileNames.of(p) + "  —  " + FileNames.path(p));
            link.setOnAction(e -> vms.main().openDataset(p));
            welcomeRecent.getChildren().add(link);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("statusText");
        status.textProperty().bind(vms.main().statusProperty());
        status.setMinWidth(0);
        status.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
        Hyperlink notUsed = new Hyperlink();
        notUsed.setId("notUsedLink");
        notUsed.textProperty().bind(vms.main().notUsedProperty());
        notUsed.setTooltip(new Tooltip("Files in the folder that are not images of a class, and why"));
        notUsed.setOnAction(e -> vms.main().showNotUsed());
        notUsed.visibleProperty().bind(vms.main().notUsedProperty().isNotEmpty());
        notUsed.managedProperty().bind(notUsed.visibleProperty());
        notUsed.setMinWidth(Region.USE_PREF_SIZE);
        Label faces = new Label();
        faces.setId("faceStatus");
        faces.textProperty().bind(vms.main().faceStatusProperty());
        faces.getStyleClass().add("muted");
        faces.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar progress = new ProgressBar();
        progress.setId("backgroundProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vms.main().backgroundProgressProperty());
        progress.visibleProperty().bind(vms.main().backgroundRunningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label task = new Label();
        task.setId("backgroundText");
        task.textProperty().bind(vms.main().backgroundTextProperty());
        task.setMinWidth(Region.USE_PREF_SIZE);
        Button pause = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        pause.getStyleClass().add("flat");
        pause.setTooltip(new Tooltip("Pause checking (Dataset menu: check again)"));
        pause.setOnAction(e -> vms.main().cancelChecks());
        pause.visibleProperty().bind(vms.main().backgroundRunningProperty());
        pause.managedProperty().bind(pause.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, status, notUsed, spacer, faces, new Separator(Orientation.VERTICAL), task, progress, pause);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
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

    private void installDragAndDrop(Node target) {
        target.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() && FolderDrop.accepts(db.getFiles())) e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
        });
        target.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            var folder = db.hasFiles() ? FolderDrop.folderToOpen(db.getFiles()) : java.util.Optional.<Path>empty();
            folder.ifPresent(vms.main()::openDataset);
            e.setDropCompleted(folder.isPresent());
            e.consume();
        });
    }

    /**
     * Review and navigation keys, unless the user is typing in a field. A filter (not a handler), so containers
     * such as the tab pane never turn an arrow key meant for the grid into a tab switch.
     */
    public void installKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Node focus = scene.getFocusOwner();
            if (focus instanceof TextInputControl || focus instanceof ComboBoxBase<?> || focus instanceof ChoiceBox<?>) return;
            if (e.isShortcutDown() || e.isAltDown() || vms.main().getSession() == null || browser == null) return;
            boolean onGrid = focus == null || isInside(focus, browser.grid());
            switch (e.getCode()) {
                case A -> vms.review().accept();
                case R -> vms.review().reject();
                case U -> vms.review().undo();
                case N -> vms.review().next();
                case LEFT, RIGHT, UP, DOWN -> {
                    if (!onGrid) return;
                    KeyCode k = e.getCode();
                    int step = k == KeyCode.LEFT ? -1 : k == KeyCode.RIGHT ? 1 : k == KeyCode.UP ? -browser.columns() : browser.columns();
                    vms.browser().move(step);
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) return true;
        }
        return false;
    }

    /** Scrolling the grid by any means (wheel, scroll bar, keys) counts as the user being busy. */
    public void watchScrolling(org.ferworkbench.ui.common.UserActivity activity) {
        this.activity = activity;
        if (browser != null) browser.onScroll(activity::mark);
    }

    /**
     * The dataset views' warm-up, for the start-up sequence (views built first): while no dataset is open, the views
     * are shown behind the (opaque) welcome page while the class list, the grid and the distribution table go
     * through stand-in rows and are emptied again (the steps are theirs), then hidden again. The renderer's side of
     * every node and the first rows and cells are made then, not in the frames that open the first dataset.
     */
    public List<Runnable> warmUpSteps() {
        buildViews();
        BooleanSupplier noDataset = () -> vms.main().getSession() == null && !vms.main().openingProperty().get();
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> {
            if (!noDataset.getAsBoolean() || root.getScene() == null) return;
            split.visibleProperty().unbind();
            split.setVisible(true);
        });
        steps.addAll(browser.warmUpSteps(noDataset));
        steps.addAll(distribution.warmUpSteps(noDataset));
        steps.add(() -> {
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

    public InspectorView inspector() {
        buildViews();
        return inspector;
    }

    public DistributionView distribution() {
        buildViews();
        return distribution;
    }
}
