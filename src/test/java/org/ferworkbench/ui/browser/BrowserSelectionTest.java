package org.ferworkbench.ui.browser;

import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.session.SampleItem;
import org.ferworkbench.ui.support.Datasets;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Workbenches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The grid's selection without the FX thread: Ctrl-click, Shift-click and Shift+arrows, select all, filters. */
class BrowserSelectionTest {
    @TempDir
    Path dir;

    @Test
    void severalImagesAreSelectedAroundTheFocusedOne() throws Exception {
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), new RecordingDialogs(), new FakeFaces());
        vms.main().openDataset(Datasets.small(dir.resolve("data")));
        BrowserViewModel b = vms.browser();
        b.selectedClassProperty().set("anger");
        List<SampleItem> shown = List.copyOf(b.visibleItems());

        // Shift+arrows from the anchor, both ways
        b.selectIndex(5);
        b.extendBy(2);
        assertThat(b.selectedItems()).containsExactly(shown.get(5), shown.get(6), shown.get(7));
        b.extendBy(-4);
        assertThat(b.selectedItems()).containsExactly(shown.get(3), shown.get(4), shown.get(5));
        assertThat(b.getSelectedItem()).isSameAs(shown.get(3));

        // Ctrl-click takes the focused image out: the focus goes to the nearest one still selected
        b.toggle(shown.get(3));
        assertThat(b.selectedItems()).containsExactly(shown.get(4), shown.get(5));
        assertThat(b.getSelectedItem()).isSameAs(shown.get(4));
        // ... and never leaves the selection empty
        b.toggle(shown.get(5));
        b.toggle(shown.get(4));
        assertThat(b.selectedItems()).containsExactly(shown.get(4));
        assertThat(b.isSelected(shown.get(4))).isTrue();
        assertThat(b.isSelected(shown.get(5))).isFalse();

        // Shift-click from the image clicked last
        b.toggle(shown.get(9));
        b.extendTo(shown.get(11));
        assertThat(b.selectedItems()).containsExactly(shown.get(9), shown.get(10), shown.get(11));
        assertThat(b.selectedCountProperty().get()).isEqualTo(3);

        // a search keeps what it still shows selected
        SampleItem focused = b.getSelectedItem();
        b.searchProperty().set("_01");
        assertThat(b.selectedItems()).containsExactly(shown.get(10), shown.get(11));
        assertThat(b.getSelectedItem()).isSameAs(focused);

        // select all keeps the focus; another class starts at its first image, alone
        b.searchProperty().set("");
        b.selectAll();
        assertThat(b.selectedItems()).hasSize(12);
        assertThat(b.getSelectedItem()).isSameAs(focused);
        b.selectedClassProperty().set("fear");
        assertThat(b.selectedItems()).containsExactly(b.visibleItems().get(0));
        assertThat(b.getSelectedItem()).isSameAs(b.visibleItems().get(0));
    }
}
