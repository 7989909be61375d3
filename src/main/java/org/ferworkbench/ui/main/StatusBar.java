package org.ferworkbench.ui.main;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The main window's status bar: what the window is doing, the files not used, the face detector's state and the
 * background check's progress (with a button that pauses it).
 */
final class StatusBar {
    private final HBox bar;

    StatusBar(MainViewModel main) {
        Label status = new Label();
        status.setId("statusText");
        status.textProperty().bind(main.statusProperty());
        status.setMinWidth(0);
        status.setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
        // the workspace's path in the tooltip (a whole path in the line would be cut short in a narrow window)
        Hyperlink workspace = new Hyperlink("workspace");
        workspace.setId("workspaceLink");
        workspace.setTooltip(new Tooltip());
        workspace.getTooltip().textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Decisions and settings are kept in " + main.workspaceText() + " (click to open)", main.sessionProperty()));
        workspace.setOnAction(e -> main.openWorkspaceFolder());
        workspace.visibleProperty().bind(main.sessionProperty().isNotNull());
        workspace.managedProperty().bind(workspace.visibleProperty());
        workspace.setMinWidth(Region.USE_PREF_SIZE);
        Hyperlink notUsed = new Hyperlink();
        notUsed.setId("notUsedLink");
        notUsed.textProperty().bind(main.notUsedProperty());
        notUsed.setTooltip(new Tooltip("Files in the folder that are not images of a class, and why"));
        notUsed.setOnAction(e -> main.showNotUsed());
        notUsed.visibleProperty().bind(main.notUsedProperty().isNotEmpty());
        notUsed.managedProperty().bind(notUsed.visibleProperty());
        notUsed.setMinWidth(Region.USE_PREF_SIZE);
        Label faces = new Label();
        faces.setId("faceStatus");
        faces.textProperty().bind(main.faceStatusProperty());
        faces.getStyleClass().add("muted");
        faces.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar progress = new ProgressBar();
        progress.setId("backgroundProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(main.backgroundProgressProperty());
        progress.visibleProperty().bind(main.backgroundRunningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label task = new Label();
        task.setId("backgroundText");
        task.textProperty().bind(main.backgroundTextProperty());
        task.setMinWidth(Region.USE_PREF_SIZE);
        Button pause = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        pause.getStyleClass().add("flat");
        pause.setTooltip(new Tooltip("Pause checking (Dataset menu: check again)"));
        pause.setOnAction(e -> main.cancelChecks());
        pause.visibleProperty().bind(main.backgroundRunningProperty());
        pause.managedProperty().bind(pause.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new HBox(10, status, workspace, notUsed, spacer, faces, new Separator(Orientation.VERTICAL), task, progress, pause);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
    }

    HBox node() {
        return bar;
    }
}
