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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The dataset by class: class rows with counts and shares, the images of the selected class after the status
 * filter and the file-name search, and the selection: the selected (focused) image, which the inspector shows and
 * the keys move, and the images selected with it (Shift/Ctrl-click, select all), which a review action applies to.
 * Refreshes shortly after decisions or checks change, keeping the selection.
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
    /** The selected images in grid order (the focused one among them); a HashSet beside it answers "is it selected". */
    private final ObservableList<SampleItem> chosen = FXCollections.observableArrayList();
    private final ObservableList<SampleItem> chosenView = FXCollections.unmodifiableObservableList(chosen);
    private final Set<SampleItem> chosenSet = new HashSet<>();
    private final ReadOnlyIntegerWrapper chosenCount = new ReadOnlyIntegerWrapper();
    /** Where a Shift-click range starts: the image last clicked without Shift. */
    private SampleItem anchor;
    private String shownImages = "";
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
            shownImages = "";
            select(null);
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
        shownImages = String.format("%,d of %,d images", out.size(), all.size());
        if (keep != null && out.contains(keep)) {
            // the images selected with it stay selected while they are shown
            Set<SampleItem> still = new HashSet<>(chosenSet);
            still.retainAll(out);
            if (still.size() > 1) {
                setChosen(inGridOrder(still));
                selected.set(keep);
                selectedIndex.set(visible.indexOf(keep));
            } else {
                select(keep);
            }
        } else if (keep != null && keep.sample().className().equals(selectedClass.get()) && !out.isEmpty() && keepIndex >= 0) {
            select(out.get(Math.min(keepIndex, out.size() - 1)));
        } else {
            // another class or filter: start at its first image, so the inspector always shows something
            select(out.isEmpty() ? null : out.get(0));
        }
    }

    /** Selects this image alone (a plain click, the keys): the range of a later Shift-click starts here. */
    public void select(SampleItem item) {
        // the selection first, then the focused image: who listens to the latter sees the selection it belongs to
        anchor = item;
        setChosen(item == null ? List.of() : List.of(item));
        selected.set(item);
        selectedIndex.set(item == null ? -1 : visible.indexOf(item));
    }

    public void selectIndex(int index) {
        if (visible.isEmpty()) return;
        select(visible.get(clamp(index)));
    }

    /** Moves the selection by delta images (arrow keys: 1 sideways, one row up or down; a page). */
    public void move(int delta) {
        if (visible.isEmpty()) return;
        int from = selectedIndex.get();
        selectIndex(from < 0 ? 0 : from + delta);
    }

    /** Moves the focus by delta images and selects the range from the anchor to there (Shift with the keys). */
    public void extendBy(int delta) {
        if (visible.isEmpty()) return;
        int from = selectedIndex.get();
        extendTo(visible.get(clamp(from < 0 ? 0 : from + delta)));
    }

    /** Ctrl-click: adds the image to the selection (and shows it), or takes it out (the selection is never empty). */
    public void toggle(SampleItem item) {
        int index = visible.indexOf(item);
        if (index < 0) return;
        Set<SampleItem> now = new HashSet<>(chosenSet);
        anchor = item;
        if (now.contains(item) && now.size() > 1) {
            now.remove(item);
            List<SampleItem> rest = inGridOrder(now);
            setChosen(rest);
            if (selected.get() == item) {
                // the inspector goes to the nearest image still selected
                SampleItem nearest = rest.stream().min(java.util.Comparator.comparingInt(i -> Math.abs(visible.indexOf(i) - index)))
                        .orElse(item);
                selected.set(nearest);
                selectedIndex.set(visible.indexOf(nearest));
            }
            return;
        }
        now.add(item);
        setChosen(inGridOrder(now));
        selected.set(item);
        selectedIndex.set(index);
    }

    /** Shift-click: selects the images from the anchor (the image clicked last without Shift) to this one. */
    public void extendTo(SampleItem item) {
        int to = visible.indexOf(item);
        if (to < 0) return;
        int from = anchor == null ? -1 : visible.indexOf(anchor);
        if (from < 0) {
            select(item);
            return;
        }
        setChosen(List.copyOf(visible.subList(Math.min(from, to), Math.max(from, to) + 1)));
        selected.set(item);
        selectedIndex.set(to);
    }

    /** Ctrl+A: every image shown (the class after the filter and the search); the focused image stays. */
    public void selectAll() {
        if (visible.isEmpty()) return;
        setChosen(List.copyOf(visible));
        if (selected.get() == null || !visible.contains(selected.get())) {
            anchor = visible.get(0);
            selected.set(visible.get(0));
            selectedIndex.set(0);
        }
    }

    /** The selected images, in grid order: one (the focused image) unless several were selected. */
    public ObservableList<SampleItem> selectedItems() {
        return chosenView;
    }

    /** Whether the image is selected (the focused one or one selected with it); fast, for the grid's cells. */
    public boolean isSelected(SampleItem item) {
        return chosenSet.contains(item);
    }

    public ReadOnlyIntegerProperty selectedCountProperty() {
        return chosenCount.getReadOnlyProperty();
    }

    private void setChosen(List<SampleItem> items) {
        if (!items.equals(chosen)) {
            chosenSet.clear();
            chosenSet.addAll(items);
            chosen.setAll(items);
        }
        chosenCount.set(items.size());
        updateShown();
    }

    private List<SampleItem> inGridOrder(Set<SampleItem> items) {
        List<SampleItem> out = new ArrayList<>(items.size());
        for (SampleItem i : visible) {
            if (items.contains(i)) out.add(i);
        }
        return out;
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(visible.size() - 1, index));
    }

    private void updateShown() {
        int n = chosen.size();
        shown.set(n > 1 && !shownImages.isEmpty() ? String.format("%,d selected · %s", n, shownImages) : shownImages);
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
