package org.ferworkbench.ui.browser;

import impl.org.controlsfx.skin.GridViewSkin;
import org.controlsfx.control.GridView;

/** ControlsFX's grid skin, plus what keyboard navigation needs: columns per row and scrolling to an image. */
final class ThumbnailGridSkin<T> extends GridViewSkin<T> {
    ThumbnailGridSkin(GridView<T> grid) {
        super(grid);
    }

    int columns() {
        return Math.max(1, computeMaxCellsInRow());
    }

    /** Scrolls just enough for the image at this index to be fully visible. */
    void reveal(int index) {
        if (index < 0 || getVirtualFlow() == null) return;
        getVirtualFlow().scrollTo(index / columns());
    }
}
