package org.ferworkbench.ui.review;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * The short confirmation at the bottom of the window after every decision: the image and the verdict, with Undo (or
 * Redo after an undo). It blocks nothing (only its own small box takes the mouse, its buttons never take the
 * keyboard) and hides by itself after a few seconds, later while the mouse is over it.
 */
public final class DecisionToast {
    static final Duration SHOWN = Duration.seconds(6);

    private final ReviewViewModel vm;
    private final HBox box;
    private final Label text = new Label();
    private final FontIcon icon = new FontIcon(MaterialDesignC.CHECK_CIRCLE);
    private final Button action = new Button();
    private final PauseTransition hide = new PauseTransition(SHOWN);

    public DecisionToast(ReviewViewModel vm) {
        this.vm = vm;
        text.setId("toastText");
        text.setWrapText(true);
        text.setMaxWidth(560);
        action.setId("toastAction");
        action.setFocusTraversable(false);
        action.setOnAction(e -> act());
        action.managedProperty().bind(action.visibleProperty());
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("toastClose");
        close.getStyleClass().add("flat");
        close.setFocusTraversable(false);
        close.setOnAction(e -> box().setVisible(false));
        box = new HBox(10, icon, text, action, close);
        box.setId("decisionToast");
        box.getStyleClass().add("decision-toast");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 10, 8, 14));
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setVisible(false);
        StackPane.setAlignment(box, Pos.BOTTOM_CENTER);
        StackPane.setMargin(box, new Insets(0, 0, 28, 0));
        hide.setOnFinished(e -> box.setVisible(false));
        box.hoverProperty().addListener((o, a, over) -> {
            if (over) hide.stop();
            else if (box.isVisible()) hide.playFromStart();
        });
        vm.confirmationProperty().addListener((o, a, c) -> show(c));
    }

    private HBox box() {
        return box;
    }

    private void show(Confirmation c) {
        if (c == null) {
            hide.stop();
            box.setVisible(false);
            return;
        }
        text.setText(c.message());
        icon.setIconCode(c.action() == Confirmation.Action.NONE ? MaterialDesignI.INFORMATION : MaterialDesignC.CHECK_CIRCLE);
        action.setText(c.action().label());
        action.setVisible(c.action() != Confirmation.Action.NONE);
        box.setVisible(true);
        if (!box.isHover()) hide.playFromStart();
    }

    private void act() {
        Confirmation c = vm.confirmationProperty().get();
        if (c == null) return;
        switch (c.action()) {
            case UNDO -> vm.undo();
            case REDO -> vm.redo();
            case NONE -> box.setVisible(false);
        }
    }

    /** The toast, to lay over the window's views (a StackPane child; it sizes and places itself). */
    public Node node() {
        return box;
    }
}
