package org.ferworkbench.ui.browser;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.session.SampleItem;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;


/**
 * One thumbnail: the image (loaded in the background), its file name and a badge for its status. Selected images
 * are marked; when several are, the focused one (the inspector's) is marked besides ({@code :current}).
 */
final class ThumbnailCell extends GridCell<SampleItem> {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    /** What a click on a thumbnail asks for, by the keys held with it. */
    interface ClickHandler {
        /**
         * @param toggle the shortcut key (Ctrl, Cmd) was held: add the image to the selection or take it out
         * @param range  Shift was held: select the images from the last clicked one to this one
         */
        void clicked(SampleItem item, boolean toggle, boolean range);
    }

    private final ThumbnailCache thumbnails;
    private final BrowserViewModel vm;
    private final ImageView view = new ImageView();
    private final StackPane badge = new StackPane();
    /** A plain Text (no control skin): dozens of cells are made when a class opens. */
    private final javafx.scene.text.Text name = new javafx.scene.text.Text();
    private FontIcon broken;
    private final ChangeListener<SampleStatus> statusListener = (o, a, b) -> showStatus(b);
    private final ChangeListener<SampleItem> selectionListener = (o, a, b) -> showSelected();
    private final javafx.collections.ListChangeListener<SampleItem> selectionsListener = c -> showSelected();
    private Tooltip tooltip;
    private final StackPane picture;
    private final FontIcon badgeIcon = new FontIcon(MaterialDesignC.CHECK_CIRCLE);
    private SampleStatus shownStatus;
    private String shownClass;
    private ThumbnailCache.Ticket ticket;
    private SampleItem watched;

    ThumbnailCell(ThumbnailCache thumbnails, BrowserViewModel vm, ClickHandler onClick) {
        this.thumbnails = thumbnails;
        this.vm = vm;
        getStyleClass().add("thumbnail-cell");
        view.setFitWidth(thumbnails.size());
        view.setFitHeight(thumbnails.size());
        view.setPreserveRatio(true);
        badge.getStyleClass().add("status-badge");
        badge.getChildren().add(badgeIcon);
        badge.setVisible(false);
        badge.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        StackPane picture = new StackPane(view, badge);
        this.picture = picture;
        picture.getStyleClass().add("thumbnail-picture");
        picture.setPrefSize(thumbnails.size(), thumbnails.size());
        name.getStyleClass().add("thumbnail-name");
        VBox box = new VBox(2, picture, name);
        box.setAlignment(Pos.CENTER);
        setGraphic(box);
        setText(null);
        vm.selectedItemProperty().addListener(new javafx.beans.value.WeakChangeListener<>(selectionListener));
        vm.selectedItems().addListener(new javafx.collections.WeakListChangeListener<>(selectionsListener));
        // a tooltip is a window of its own: made on the first hover, not for every cell
        setOnMouseEntered(e -> {
            if (tooltip == null) {
                tooltip = new Tooltip();
                setTooltip(tooltip);
            }
            updateTooltip();
        });
        setOnMouseClicked(e -> {
            if (getItem() != null) onClick.clicked(getItem(), e.isShortcutDown(), e.isShiftDown());
        });
    }

    @Override
    public void updateItem(SampleItem item, boolean empty) {
        super.updateItem(item, empty);
        if (ticket != null) {
            ticket.cancel();
            ticket = null;
        }
        if (watched != null) {
            watched.statusProperty().removeListener(statusListener);
            watched = null;
        }
        if (empty || item == null) {
            getGraphic().setVisible(false);
            view.setImage(null);
            pseudoClassStateChanged(SELECTED, false);
            pseudoClassStateChanged(CURRENT, false);
            return;
        }
        getGraphic().setVisible(true);
        watched = item;
        item.statusProperty().addListener(statusListener);
        showStatus(item.getStatus());
        name.setText(shortName(item.fileName()));
        showSelected();
        Image cached = thumbnails.cached(item.relativePath());
        showBroken(false);
        if (cached != null) {
            view.setImage(cached);
        } else {
            view.setImage(null);
            ticket = thumbnails.request(item.sample(), image -> {
                if (getItem() != item) return;
                view.setImage(image);
                showBroken(image == null);
            });
        }
    }

    private void showSelected() {
        SampleItem item = getItem();
        boolean selected = item != null && (item == vm.getSelectedItem() || vm.isSelected(item));
        pseudoClassStateChanged(SELECTED, selected);
        pseudoClassStateChanged(CURRENT, item != null && item == vm.getSelectedItem() && vm.selectedItems().size() > 1);
    }

    /** File names longer than the cell are cut with an ellipsis (about 17 characters fit at 10 px). */
    static String shortName(String fileName) {
        return fileName.length() <= 17 ? fileName : fileName.substring(0, 15) + "…";
    }

    /** The "cannot show" icon, made only for cells that ever need it. */
    private void showBroken(boolean show) {
        if (show && broken == null) {
            broken = new FontIcon(MaterialDesignI.IMAGE_BROKEN_VARIANT);
            broken.getStyleClass().add("thumbnail-broken");
            picture.getChildren().add(1, broken);
        }
        if (broken != null) broken.setVisible(show);
    }

    private void updateTooltip() {
        if (tooltip == null) return;
        SampleItem item = getItem();
        tooltip.setText(item == null ? "" : item.fileName() + "\n" + item.getStatus().label());
    }

    /** Changes the badge only when the status changed (cheap when cells are reused while scrolling). */
    private void showStatus(SampleStatus s) {
        updateTooltip();
        if (s == shownStatus) return;
        shownStatus = s;
        org.kordamp.ikonli.Ikon code = switch (s) {
            case REJECTED -> MaterialDesignC.CLOSE_CIRCLE;
            case ACCEPTED -> MaterialDesignC.CHECK_CIRCLE;
            case NO_FACE -> MaterialDesignE.EYE_OFF;
            case SEVERAL_FACES -> MaterialDesignA.ACCOUNT_MULTIPLE;
            case UNREADABLE -> MaterialDesignI.IMAGE_BROKEN;
            case LOW_PROBABILITY -> MaterialDesignH.HELP_CIRCLE;
            case LABEL_DISPUTED -> MaterialDesignT.TAG_OFF;
            default -> null;
        };
        badge.setVisible(code != null);
        if (code != null) badgeIcon.setIconCode(code);
        String styleClass = "status-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (shownClass != null) badge.getStyleClass().remove(shownClass);
        badge.getStyleClass().add(styleClass);
        shownClass = styleClass;
    }
}
