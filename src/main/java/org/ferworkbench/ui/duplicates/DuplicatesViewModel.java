package org.ferworkbench.ui.duplicates;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.plan.ExportPlan;
import org.ferworkbench.core.plan.PlannedGroup;
import org.ferworkbench.ui.session.DatasetSession;
import org.ferworkbench.ui.session.SampleItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The duplicate groups of the export's plan (the one the Distribution tab and Export use), largest first, with
 * filters, and the review action on a group: keep one image and reject the others as duplicates.
 */
public final class DuplicatesViewModel {
    public enum Filter {
        ALL("All groups"), STRADDLING("Straddling the split"), LABEL_CONFLICTS("Label conflicts");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One group as the list shows it. */
    public record GroupRow(int id, List<String> members, String kind, boolean near, List<String> classes, String split,
                           int maxDistance) {
        public boolean labelConflict() {
            return classes.size() > 1;
        }

        /** Two lines: the group and its kind; its classes and where it went (with what is wrong first). */
        public String describe() {
            String where = PlannedGroup.BOTH.equals(split) ? "train + test!" : split;
            return String.format(Locale.ROOT, "Group %d · %d images · %s%s%n%s%s · %s", id, members.size(), kind,
                    maxDistance > 0 ? " " + maxDistance : "", labelConflict() ? "conflict: " : "",
                    String.join(", ", classes), where);
        }
    }

    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final ObjectProperty<GroupRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ChangeListener<ExportPlan> planListener = (o, a, b) -> refresh();
    /** The images of the last group marked as not duplicates (for its undo). */
    private java.util.Set<String> lastSeparated;
    private final javafx.beans.property.ReadOnlyBooleanWrapper canUndo = new javafx.beans.property.ReadOnlyBooleanWrapper();

    public DuplicatesViewModel(ReadOnlyObjectProperty<DatasetSession> session) {
        this.session = session;
        session.addListener((o, before, after) -> {
            if (before != null) before.planProperty().removeListener(planListener);
            if (after != null) after.planProperty().addListener(planListener);
            message.set("");
            forgetUndo();
            refresh();
        });
        filter.addListener((o, a, b) -> refresh());
    }

    private void refresh() {
        DatasetSession s = session.get();
        ExportPlan plan = s == null ? null : s.planProperty().get();
        Integer keep = selected.get() == null ? null : selected.get().id();
        List<GroupRow> all = new ArrayList<>();
        if (plan != null) {
            for (PlannedGroup g : plan.copies()) {
                boolean shown = switch (filter.get() == null ? Filter.ALL : filter.get()) {
                    case ALL -> true;
                    case STRADDLING -> g.straddles();
                    case LABEL_CONFLICTS -> g.labelConflict();
                };
                if (shown) all.add(row(g));
            }
        }
        all.sort(Comparator.comparingInt((GroupRow r) -> -r.members().size()).thenComparingInt(GroupRow::id));
        rows.setAll(all);
        selected.set(all.stream().filter(r -> Objects.equals(r.id(), keep)).findFirst().orElse(all.isEmpty() ? null : all.get(0)));
        summary.set(plan == null ? "The groups appear once the images are checked."
                : plan.copies().isEmpty() ? "No duplicates found: no image has an exact or near copy in the dataset."
                : String.format(Locale.ROOT, "%,d group(s) (%,d images), %,d straddle the split, %,d with files in several classes",
                plan.copies().size(), plan.imagesWithCopies(),
                plan.copies().stream().filter(PlannedGroup::straddles).count(), plan.labelConflictGroups()));
    }

    private static GroupRow row(PlannedGroup g) {
        return new GroupRow(g.id(), g.members(), String.join(" + ", g.kindNames()), g.hasNearCopies(), g.classes(), g.split(),
                g.maxDistance());
    }

    /** The images of a group, as the session knows them (a file gone since the plan is left out). */
    public List<SampleItem> members(GroupRow row) {
        DatasetSession s = session.get();
        if (s == null || row == null) return List.of();
        List<SampleItem> items = new ArrayList<>();
        for (String m : row.members()) {
            SampleItem i = s.item(m);
            if (i != null) items.add(i);
        }
        return items;
    }

    /** Keeps {@code kept} and rejects every other image of the selected group as a duplicate (each decision journaled). */
    public void keepOnly(SampleItem kept) {
        DatasetSession s = session.get();
        GroupRow row = selected.get();
        if (s == null || row == null || kept == null) return;
        int n = 0;
        for (SampleItem i : members(row)) {
            if (i == kept) continue;
            if (i.decision() != null && i.decision().rejected()) continue;
            s.decide(i, ReviewDecision.reject(i.relativePath(), RejectReason.DUPLICATE));
            n++;
        }
        if (kept.decision() != null && kept.decision().rejected()) s.decide(kept, null);
        message.set(String.format(Locale.ROOT, "Kept %s; rejected %d duplicate%s of it.", kept.relativePath(), n, n == 1 ? "" : "s"));
    }

    /**
     * Says the selected group's images are not duplicates of one another: the plan stops grouping them by near links
     * (exact copies, same bytes or pixels, stay together), saved in the workspace's journal and used by Export and by
     * {@code prepare --decisions}. {@link #undoNotDuplicates} takes the last one back.
     */
    public void markNotDuplicates() {
        DatasetSession s = session.get();
        GroupRow row = selected.get();
        if (s == null || row == null) return;
        if (!row.near()) {
            message.set("Group " + row.id() + " holds exact copies (the same bytes or pixels): they stay together.");
            return;
        }
        java.util.Set<String> set = java.util.Set.copyOf(row.members());
        s.setNotDuplicates(set, true);
        lastSeparated = set;
        canUndo.set(true);
        message.set(String.format(Locale.ROOT, "Group %d marked as not duplicates: its near copies are no longer kept together.",
                row.id()));
    }

    /** Takes back the last {@link #markNotDuplicates}. */
    public void undoNotDuplicates() {
        DatasetSession s = session.get();
        if (s == null || lastSeparated == null) return;
        s.setNotDuplicates(lastSeparated, false);
        forgetUndo();
        message.set("Taken back: those images are grouped as duplicates again.");
    }

    /** Whether there is a "Not duplicates" to take back. */
    public javafx.beans.property.ReadOnlyBooleanProperty canUndoNotDuplicatesProperty() {
        return canUndo.getReadOnlyProperty();
    }

    private void forgetUndo() {
        lastSeparated = null;
        canUndo.set(false);
    }

    public ObservableList<GroupRow> rows() {
        return rows;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public ObjectProperty<GroupRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
