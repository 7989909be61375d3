package org.ferworkbench.ui.main;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.ferworkbench.core.dataset.FileNames;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.nio.file.Path;

/**
 * What the window shows without a dataset: open a folder, drop one, or pick a recent one. Opaque: the dataset views
 * stand behind it while they warm up.
 */
final class WelcomePage {
    private final MainViewModel main;
    private final VBox recent = new VBox(4);
    private final StackPane pane;

    WelcomePage(MainViewModel main, Runnable open) {
        this.main = main;
        Label title = new Label("FER Workbench");
        title.getStyleClass().add("welcome-title");
        var logoUrl = WelcomePage.class.getResource("/org/ferworkbench/ui/common/icons/fer-workbench-128.png");
        if (logoUrl != null) {
            ImageView logo = new ImageView(new Image(logoUrl.toExternalForm(), true));
            logo.setFitWidth(96);
            logo.setFitHeight(96);
            title.setGraphic(logo);
            title.setContentDisplay(ContentDisplay.TOP);
        }
        Label text = new Label("Open a dataset folder with one sub-folder of images per class "
                + "(anger/, disgust/, fear/, …) to browse, review and export it.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("muted");
        Button openButton = new Button("Open a dataset folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        openButton.setId("welcomeOpen");
        openButton.getStyleClass().add("accent");
        openButton.setOnAction(e -> open.run());
        Label drop = new Label("or drop a folder anywhere on this window");
        drop.getStyleClass().add("muted");
        Label recentTitle = new Label("Recent datasets");
        recentTitle.getStyleClass().add("section-title");
        recentTitle.visibleProperty().bind(Bindings.isNotEmpty(main.recentDatasets()));
        ProgressIndicator opening = new ProgressIndicator();
        opening.setPrefSize(28, 28);
        opening.visibleProperty().bind(main.openingProperty());
        VBox box = new VBox(12, title, text, openButton, drop, opening, recentTitle, recent);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        recent.setAlignment(Pos.CENTER);
        pane = new StackPane(box);
        pane.getStyleClass().add("welcome");
        pane.setId("welcome");
        pane.visibleProperty().bind(main.sessionProperty().isNull());
        main.recentDatasets().addListener((ListChangeListener<Path>) c -> updateRecent());
        updateRecent();
    }

    StackPane node() {
        return pane;
    }

    private void updateRecent() {
        recent.getChildren().clear();
        for (Path p : main.recentDatasets()) {
            Hyperlink link = new Hyperlink(FileNames.of(p) + "  —  " + FileNames.path(p));
            link.setOnAction(e -> main.openDataset(p));
            recent.getChildren().add(link);
        }
    }
}
