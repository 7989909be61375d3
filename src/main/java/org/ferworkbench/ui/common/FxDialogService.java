package org.ferworkbench.ui.common;

import javafx.application.HostServices;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Dialogs owned by the main window (so they stay on top of it and follow it), themed like it. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    private final HostServices hostServices;

    public FxDialogService(Supplier<Window> owner, HostServices hostServices) {
        this.owner = owner;
        this.hostServices = hostServices;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert a = new Alert(type);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
            if (w.getScene() != null) a.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
        }
        a.setTitle(title);
        a.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(520);
        a.getDialogPane().setContent(text);
        a.getDialogPane().getStyleClass().add("workbench-dialog");
        return a;
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        Alert a = alert(Alert.AlertType.ERROR, title, message);
        if (details != null) {
            StringWriter trace = new StringWriter();
            details.printStackTrace(new PrintWriter(trace));
            TextArea area = new TextArea(trace.toString());
            area.setEditable(false);
            area.setWrapText(false);
            area.getStyleClass().add("monospace");
            area.setPrefRowCount(14);
            VBox.setVgrow(area, Priority.ALWAYS);
            VBox box = new VBox(6, new Label("Technical details (for a bug report):"), area);
            a.getDialogPane().setExpandableContent(box);
        }
        a.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
        ButtonType ok = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        return a.showAndWait().filter(b -> b == ok).isPresent();
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) chooser.setInitialDirectory(initial.toFile());
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(f -> f.toPath());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) chooser.setInitialDirectory(initialDirectory.toFile());
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(f -> f.toPath());
    }

    @Override
    public void openFolder(Path folder) {
        if (hostServices != null) hostServices.showDocument(folder.toUri().toString());
    }
}
