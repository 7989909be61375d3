package org.ferworkbench.ui.browser;

import impl.org.controlsfx.skin.GridViewSkin;
import org.controlsfx.control.GridView;

/**
 * ControlsFX's grid skin, plus what keyboard navigation needs: columns per row, rows per page, scrolling to an image
 * and to the top.
 */
final class ThumbnailGridSkin<T> extends GridViewSkin<T> {
    ThumbnailGridSkin(GridView<T> grid) {
        super(grid);
    }

    int columns() {
        return Math.max(1, computeMaxCellsInRow());
    }

    /** Whole rows that fit in the grid's height (a row is a cell and the spacing above and below it). */
    int rowsPerPage() {
        GridView<T> grid = getSkinnable();
        double row = grid.getCellHeight() + 2 * grid.getVerticalCellSpacing();
        double height = getVirtualFlow() == null ? 0 : getVirtualFlow().getHeight();
        return Math.max(1, (int) Math.floor(height / Math.max(1, row)));
    }

    /** Scrolls just enough for the image at this index to be fully visible. */
    void reveal(int index) {
        if (index < 0 || getVirtualFlow() == null) return;
        getVirtualFlow().scrollTo(index / columns());
    }

    /** Scrolls to the first row. */
    void scrollToTop() {
        if (getVirtualFlow() == null) return;
        getVirtualFlow().scrollToTop(0);
    }

    /** The index of the first row shown (0 at the top), for tests. */
    int firstVisibleRow() {
        if (getVirtualFlow() == null) return 0;
        javafx.scene.control.IndexedCell<?> first = getVirtualFlow().getFirstVisibleCell();
        return first == null ? 0 : first.getIndex();
    }
}
