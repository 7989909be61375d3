package org.ferworkbench.ui.main;

import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.ui.common.Theme;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.nio.file.Path;
import java.util.List;

/** The main window's tool bar: open and recent, the review buttons, Export (with why it is off) and the theme. */
final class MainToolBar {
    private final WorkbenchViewModels vms;
    private final WindowActions actions;
    private final ToolBar bar;

    MainToolBar(WorkbenchViewModels vms, WindowActions actions) {
        this.vms = vms;
        this.actions = actions;
        bar = new ToolBar();
        bar.getItems().setAll(open(), recent(), new Separator(Orientation.VERTICAL), review(), exportBlocked(), export(), theme());
        bar.setId("toolBar");
    }

    ToolBar node() {
        return bar;
    }

    private Button open() {
        Button open = new Button("Open", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a dataset folder (" + Shortcut.OPEN.displayText() + ")"));
        open.setOnAction(e -> actions.open().run());
        return open;
    }

    private MenuButton recent() {
        MenuButton recent = new MenuButton(null, new FontIcon(MaterialDesignH.HISTORY));
        recent.setTooltip(new Tooltip("Recent datasets"));
        recent.setId("recentButton");
        recent.getItems().setAll(MainMenu.recentItems(vms.main()));
        vms.main().recentDatasets().addListener((ListChangeListener<Path>) c -> recent.getItems().setAll(MainMenu.recentItems(vms.main())));
        return recent;
    }

    /** Review mode, Accept, Reject with its reason, Undo and what is left to review. */
    private HBox review() {
        ToggleButton mode = new ToggleButton("Review mode", new FontIcon(MaterialDesignM.MAGNIFY_SCAN));
        mode.setId("reviewMode");
        mode.setTooltip(new Tooltip("Step through the images that need a look (no face, several faces, low probability)"));
        mode.selectedProperty().bindBidirectional(vms.review().reviewModeProperty());
        Button accept = new Button("Accept", new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        accept.setId("acceptButton");
        accept.getStyleClass().add("accept");
        accept.setTooltip(new Tooltip("Keep the selected images (" + Shortcut.ACCEPT.displayText() + ")"));
        accept.setOnAction(e -> vms.review().accept());
        Button reject = new Button("Reject", new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        reject.setId("rejectButton");
        reject.getStyleClass().add("reject");
        reject.setTooltip(new Tooltip("Leave the selected images out of the export (" + Shortcut.REJECT.displayText() + ")"));
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
        undo.setTooltip(new Tooltip("Take back the last decision (" + Shortcut.UNDO_KEY.displayText() + ", "
                + Shortcut.UNDO.displayText() + ")"));
        undo.setOnAction(e -> vms.review().undo());
        undo.disableProperty().bind(vms.review().canUndoProperty().not());
        Button redo = new Button(null, new FontIcon(MaterialDesignR.REDO));
        redo.setId("redoButton");
        redo.setTooltip(new Tooltip("Make the decision taken back again (" + Shortcut.REDO.displayText() + ", "
                + Shortcut.REDO_AGAIN.displayText() + ")"));
        redo.setOnAction(e -> vms.review().redo());
        redo.disableProperty().bind(vms.review().canRedoProperty().not());
        // the keys go on acting on the images after one of these was clicked
        KeyFocus.markReviewArea(mode, accept, reject, undo, redo);
        for (Node n : List.of(accept, reject, reason)) {
            n.disableProperty().bind(vms.review().hasSelectionProperty().not());
        }
        Label reviewLeft = new Label();
        reviewLeft.setId("reviewProgress");
        reviewLeft.textProperty().bind(vms.review().progressProperty());
        reviewLeft.getStyleClass().add("muted");
        // on two lines in a narrow window ("312 images / need a look"), so the buttons after it stay on the bar
        reviewLeft.setWrapText(true);
        reviewLeft.prefWidthProperty().bind(javafx.beans.binding.Bindings.when(bar.widthProperty().lessThan(1200))
                .then(100.0).otherwise(javafx.scene.layout.Region.USE_COMPUTED_SIZE));
        HBox reviewBox = new HBox(6, mode, accept, reject, reason, undo, redo, reviewLeft);
        reviewBox.setAlignment(Pos.CENTER_LEFT);
        reviewBox.disableProperty().bind(vms.main().sessionProperty().isNull());
        return reviewBox;
    }

    /** The free space of the tool bar, the reason Export is off at its right end (it asks for no room of its own). */
    private HBox exportBlocked() {
        Label blocked = new Label();
        blocked.setId("exportBlocked");
        blocked.getStyleClass().add("error-text");
        blocked.textProperty().bind(vms.export().exportBlockedReasonProperty());
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.setMinWidth(0);   // cut short with "…" rather than push Export into the tool bar's overflow menu
        blocked.setTooltip(new Tooltip());
        blocked.getTooltip().textProperty().bind(blocked.textProperty());
        HBox spacer = new HBox(blocked);
        spacer.setAlignment(Pos.CENTER_RIGHT);
        spacer.setMinWidth(0);
        spacer.setPrefWidth(0);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private Button export() {
        Button export = new Button("Export", new FontIcon(MaterialDesignE.EXPORT));
        export.setId("exportButton");
        export.getStyleClass().add("accent");
        export.setTooltip(new Tooltip("Export the prepared arrays (" + Shortcut.EXPORT.displayText() + ")"));
        export.setOnAction(e -> actions.export().run());
        export.disableProperty().bind(vms.export().canExportProperty().not());
        return export;
    }

    private ToggleButton theme() {
        ToggleButton theme = new ToggleButton(null, new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.setId("themeToggle");
        theme.setTooltip(new Tooltip("Light or dark theme"));
        theme.setSelected(vms.main().themeProperty().get() == Theme.DARK);
        theme.selectedProperty().addListener((o, a, b) -> vms.main().themeProperty().set(b ? Theme.DARK : Theme.LIGHT));
        vms.main().themeProperty().addListener((o, a, b) -> theme.setSelected(b == Theme.DARK));
        return theme;
    }
}
