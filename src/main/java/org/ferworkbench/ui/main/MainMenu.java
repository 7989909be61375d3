package org.ferworkbench.ui.main;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import org.ferworkbench.core.dataset.FileNames;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.Theme;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.nio.file.Path;
import java.util.List;

/** The main window's menu bar: File, Dataset, Review, View and Help. */
final class MainMenu {
    private final WorkbenchViewModels vms;
    private final DialogService dialogs;
    private final WindowActions actions;
    private final Menu recentMenu = new Menu("Open Recent");
    private final MenuBar bar;

    MainMenu(WorkbenchViewModels vms, DialogService dialogs, WindowActions actions) {
        this.vms = vms;
        this.dialogs = dialogs;
        this.actions = actions;
        bar = new MenuBar(file(), dataset(), review(), view(), help());
        bar.setId("menuBar");
        vms.main().recentDatasets().addListener((ListChangeListener<Path>) c -> updateRecent());
        updateRecent();
    }

    MenuBar node() {
        return bar;
    }

    /** One item per recent dataset, which opens it. */
    static List<MenuItem> recentItems(MainViewModel main) {
        return main.recentDatasets().stream().map(p -> {
            MenuItem item = new MenuItem(FileNames.path(p));
            item.setOnAction(e -> main.openDataset(p));
            return item;
        }).toList();
    }

    private void updateRecent() {
        recentMenu.getItems().setAll(recentItems(vms.main()));
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Menu file() {
        MenuItem open = new MenuItem("Open Dataset…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setAccelerator(Shortcut.OPEN.combination());
        open.setOnAction(e -> actions.open().run());
        MenuItem close = new MenuItem("Close Dataset");
        close.setOnAction(e -> vms.main().closeDataset());
        close.disableProperty().bind(vms.main().sessionProperty().isNull());
        MenuItem export = new MenuItem("Export…", new FontIcon(MaterialDesignE.EXPORT));
        export.setAccelerator(Shortcut.EXPORT.combination());
        export.setOnAction(e -> actions.export().run());
        export.disableProperty().bind(vms.export().canExportProperty().not());
        // a menu item has no room beside it: it says that the settings stand in the way, the tool bar says which
        export.textProperty().bind(Bindings.when(vms.export().exportBlockedReasonProperty().isEmpty())
                .then("Export…").otherwise("Export… (fix the settings first)"));
        MenuItem saveChart = new MenuItem("Save Distribution Chart as PNG…");
        saveChart.setOnAction(e -> actions.saveChart().run());
        saveChart.disableProperty().bind(vms.main().sessionProperty().isNull());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(Shortcut.QUIT.combination());
        quit.setOnAction(e -> actions.quit().run());
        return new Menu("File", null, open, recentMenu, close, new SeparatorMenuItem(), export, saveChart,
                new SeparatorMenuItem(), quit);
    }

    /**
     * Accept, Reject and Next name their keys in the label: single letters, not accelerators, since they act only
     * where the keyboard is on the images (see {@link Shortcut.Scope#REVIEW}); Undo and Redo have accelerators.
     */
    private Menu review() {
        MenuItem accept = new MenuItem(withKey("Accept", Shortcut.ACCEPT), new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        accept.setId("menuAccept");
        accept.setOnAction(e -> vms.review().accept());
        MenuItem reject = new MenuItem(withKey("Reject", Shortcut.REJECT), new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        reject.setId("menuReject");
        reject.setOnAction(e -> vms.review().reject());
        MenuItem undo = new MenuItem(withKey("Undo", Shortcut.UNDO_KEY), new FontIcon(MaterialDesignU.UNDO));
        undo.setId("menuUndo");
        undo.setAccelerator(Shortcut.UNDO.combination());
        undo.setOnAction(e -> vms.review().undo());
        undo.disableProperty().bind(vms.review().canUndoProperty().not());
        MenuItem redo = new MenuItem("Redo", new FontIcon(MaterialDesignR.REDO));
        redo.setId("menuRedo");
        redo.setAccelerator(Shortcut.REDO.combination());
        redo.setOnAction(e -> vms.review().redo());
        redo.disableProperty().bind(vms.review().canRedoProperty().not());
        MenuItem selectAll = new MenuItem(withKey("Select All Shown Images", Shortcut.SELECT_ALL));
        selectAll.setId("menuSelectAll");
        selectAll.setOnAction(e -> vms.browser().selectAll());
        MenuItem next = new MenuItem(withKey("Next Image Needing a Look", Shortcut.NEXT));
        next.setOnAction(e -> vms.review().next());
        CheckMenuItem mode = new CheckMenuItem("Review Mode");
        mode.selectedProperty().bindBidirectional(vms.review().reviewModeProperty());
        MenuItem history = new MenuItem("Decision History", new FontIcon(MaterialDesignH.HISTORY));
        history.setId("menuHistory");
        history.setOnAction(e -> actions.showHistory().run());
        Menu review = new Menu("Review", null, accept, reject, undo, redo, new SeparatorMenuItem(), selectAll, next, mode,
                new SeparatorMenuItem(), history);
        review.disableProperty().bind(vms.main().sessionProperty().isNull());
        return review;
    }

    /** "Accept (A)": a key that is not an accelerator, named in the item's label. */
    private static String withKey(String label, Shortcut key) {
        return label + " (" + key.displayText() + ")";
    }

    private Menu dataset() {
        MenuItem recheck = new MenuItem("Check Images Again");
        recheck.setOnAction(e -> vms.main().restartChecks());
        MenuItem pause = new MenuItem("Pause Checking");
        pause.setOnAction(e -> vms.main().cancelChecks());
        pause.disableProperty().bind(vms.main().backgroundRunningProperty().not());
        MenuItem workspace = new MenuItem("Open Workspace Folder");
        workspace.setOnAction(e -> vms.main().openWorkspaceFolder());
        Menu dataset = new Menu("Dataset", null, recheck, pause, workspace);
        dataset.disableProperty().bind(vms.main().sessionProperty().isNull());
        return dataset;
    }

    private Menu view() {
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light Theme");
        light.setToggleGroup(themes);
        RadioMenuItem dark = new RadioMenuItem("Dark Theme");
        dark.setToggleGroup(themes);
        (vms.main().themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        themes.selectedToggleProperty().addListener((o, a, b) -> vms.main().themeProperty().set(b == dark ? Theme.DARK : Theme.LIGHT));
        vms.main().themeProperty().addListener((o, a, b) -> (b == Theme.DARK ? dark : light).setSelected(true));
        MenuItem showImages = new MenuItem("Images");
        showImages.setAccelerator(Shortcut.SHOW_IMAGES.combination());
        showImages.setOnAction(e -> actions.showImages().run());
        MenuItem showCharts = new MenuItem("Distribution");
        showCharts.setAccelerator(Shortcut.SHOW_DISTRIBUTION.combination());
        showCharts.setOnAction(e -> actions.showDistribution().run());
        return new Menu("View", null, showImages, showCharts, new SeparatorMenuItem(), light, dark);
    }

    private Menu help() {
        MenuItem keys = new MenuItem("Keyboard Shortcuts");
        keys.setId("menuShortcuts");
        keys.setOnAction(e -> dialogs.showInfo("Keyboard shortcuts", Shortcut.helpText()));
        MenuItem about = new MenuItem("About FER Workbench");
        about.setOnAction(e -> dialogs.showInfo("About FER Workbench", "FER Workbench "
                + org.ferworkbench.core.runtime.Version.current()
                + "\nTurns a folder-per-class facial-expression dataset into training-ready arrays, reproducing the "
                + "data preparation of \"Investigating the problem domain of FER in the wild\"."));
        return new Menu("Help", null, keys, about);
    }
}
