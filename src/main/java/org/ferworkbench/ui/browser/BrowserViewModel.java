package org.ferworkbench.ui.browser;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.session.DatasetSession;
import org.ferworkbench.ui.session.SampleItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dataset by class: class rows with counts and shares, the images of the selected class after the status
 * filter and the file-name search, and the selected image (moved with the arrow keys). Refreshes shortly after
 * decisions or checks change, keeping the selection.
 */
public final class BrowserViewModel {
    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final TaskExecutor executor;
    private final ObservableList<ClassRow> classes = FXCollections.observableArrayList();
    private final StringProperty selectedClass = new SimpleStringProperty();
    private final ObjectProperty<StatusFilter> filter = new SimpleObjectProperty<>(StatusFilter.ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<SampleItem> visible = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SampleItem> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private final ChangeListener<Number> revisionListener = (o, a, b) -> scheduleRefresh();
    /** The class list shows the rows the export's plan gives each class: refreshed when a new plan is made. */
    private final ChangeListener<Object> planListener = (o, a, b) -> refreshClasses();
    private TaskHandle pendingRefresh = TaskHandle.DONE;
    private boolean openingClass;

    public BrowserViewModel(ReadOnlyObjectProperty<DatasetSession> session, TaskExecutor executor) {
        this.session = session;
        this.executor = executor;
        session.addListener((o, before, after) -> {
            if (before != null) {
                before.revisionProperty().removeListener(revisionListener);
                before.planProperty().removeListener(planListener);
            }
            if (after != null) {
                after.revisionProperty().addListener(revisionListener);
                after.planProperty().addListener(planListener);
            }
            selected.set(null);
            refreshClasses();
            // the grid of the first class in the next frame: opening a large dataset never makes one long frame
            openingClass = true;
            selectedClass.set(null);
            executor.runOnUiThread(() -> {
                openingClass = false;
                if (session.get() != after) return;
                // the class listener fills the grid
                selectedClass.set(after == null || after.dataset().classNames().isEmpty() ? null : after.dataset().classNames().get(0));
            });
        });
        selectedClass.addListener((o, a, b) -> {
            if (!openingClass) refilter();
        });
        filter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
    }

    private void scheduleRefresh() {
        pendingRefresh.cancel();
        pendingRefresh = executor.schedule(Duration.ofMillis(150), () -> {
            refreshClasses();
            refilter();
        });
    }

    private void refreshClasses() {
        DatasetSession s = session.get();
        if (s == null) {
            classes.clear();
            return;
        }
        int total = Math.max(1, s.items().size());
        List<ClassRow> rows = new ArrayList<>();
        int label = 0;
        // from the session's counts per status (kept as statuses change): this runs after every batch of checks
        for (String c : s.dataset().classNames()) {
            int look = 0;
            for (SampleStatus st : SampleStatus.values()) {
                if (st.needsLook()) look += s.countOf(c, st);
            }
            int size = s.itemsOf(c).size();
            org.ferworkbench.core.plan.ClassPlan planned = planned(s, c);
            rows.add(new ClassRow(c, label++, size, size / (double) total, s.countOf(c, SampleStatus.REJECTED), look,
                    s.countOf(c, SampleStatus.UNREADABLE), planned == null ? -1 : planned.finalTrain(),
                    planned == null ? -1 : planned.finalTest(), planned == null ? 0 : planned.inDuplicateGroups()));
        }
        if (!rows.equals(classes)) classes.setAll(rows);
    }

    private static org.ferworkbench.core.plan.ClassPlan planned(DatasetSession s, String className) {
        org.ferworkbench.core.plan.ExportPlan plan = s.planProperty().get();
        if (plan == null || plan.jobs().isEmpty()) return null; // none yet, or the settings cannot be exported
        return plan.classes().stream().filter(c -> c.name().equals(className)).findFirst().orElse(null);
    }

    /** Recomputes the visible images; keeps the selected image, or the one now at its place. */
    private void refilter() {
        DatasetSession s = session.get();
        SampleItem keep = selected.get();
        int keepIndex = selectedIndex.get();
        if (s == null || selectedClass.get() == null) {
            visible.clear();
            select(null);
            shown.set("");
            return;
        }
        String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        StatusFilter f = filter.get();
        List<SampleItem> all = s.itemsOf(selectedClass.get());
        List<SampleItem> out = new ArrayList<>();
        for (SampleItem i : all) {
            if (!f.matches(i.getStatus())) continue;
            if (!needle.isEmpty() && !i.fileName().toLowerCase(Locale.ROOT).contains(needle)) continue;
            out.add(i);
        }
        if (!out.equals(visible)) visible.setAll(out);
        shown.set(String.format("%,d of %,d images", out.size(), all.size()));
        if (keep != null && out.contains(keep)) {
            select(keep);
        } else if (keep != null && keep.sample().className().equals(selectedClass.get()) && !out.isEmpty() && keepIndex >= 0) {
            select(out.get(Math.min(keepIndex, out.size() - 1)));
        } else {
            // another class or filter: start at its first image, so the inspector always shows something
            select(out.isEmpty() ? null : out.get(0));
        }
    }

    public void select(SampleItem item) {
        selected.set(item);
        selectedIndex.set(item == null ? -1 : visible.indexOf(item));
    }

    public void selectIndex(int index) {
        if (visible.isEmpty()) return;
        select(visible.get(Math.max(0, Math.min(visible.size() - 1, index))));
    }

    /** Moves the selection by delta images (arrow keys: 1 sideways, one row up or down). */
    public void move(int delta) {
        if (visible.isEmpty()) return;
        int from = selectedIndex.get();
        selectIndex(from < 0 ? 0 : from + delta);
    }

    /** Shows an image wherever it is: its class, with a filter that includes it, selected. */
    public void reveal(SampleItem item) {
        if (item == null) return;
        if (!item.sample().className().equals(selectedClass.get())) selectedClass.set(item.sample().className());
        if (!filter.get().matches(item.getStatus()) || !visible.contains(item)) {
            search.set("");
            if (!filter.get().matches(item.getStatus())) filter.set(StatusFilter.ALL);
        }
        select(item);
    }

    /** Refreshes now instead of after the short delay (after a decision made by the user). */
    public void refreshNow() {
        pendingRefresh.cancel();
        refreshClasses();
        refilter();
    }

    public ObservableList<ClassRow> classes() {
        return classes;
    }

    public StringProperty selectedClassProperty() {
        return selectedClass;
    }

    public ObjectProperty<StatusFilter> filterProperty() {
        return filter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObservableList<SampleItem> visibleItems() {
        return visible;
    }

    public ReadOnlyObjectProperty<SampleItem> selectedItemProperty() {
        return selected.getReadOnlyProperty();
    }

    public SampleItem getSelectedItem() {
        return selected.get();
    }

    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
