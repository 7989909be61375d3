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
import org.ferworkbench.core.duplicates.LinkKind;
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
 * The groups of the export's plan that the split keeps on one side (the plan the Distribution tab and Export use):
 * duplicate groups and, with identity grouping, identities; largest first, with filters, and the review actions: keep
 * one image of a duplicate group and reject the others, say a group's images are not duplicates or not one person,
 * or take one image out of its identity.
 */
public final class DuplicatesViewModel {
    public enum Filter {
        ALL("All groups"), DUPLICATES("Duplicates"), IDENTITIES("Identities"), STRADDLING("Straddling the split"),
        LABEL_CONFLICTS("Label conflicts");

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
                           int maxDistance, boolean identity, boolean labelConflict) {
        /** Two lines: the group and its kind; its classes and where it went (with what is wrong first). */
        public String describe() {
            String where = PlannedGroup.BOTH.equals(split) ? "train + test!" : split;
            return String.format(Locale.ROOT, "Group %d · %d images · %s%s%n%s%s · %s", id, members.size(), kind,
                    maxDistance > 0 ? " " + maxDistance : "", labelConflict ? "conflict: " : "",
                    String.join(", ", classes), where);
        }

        /** Whether the reviewer can separate its images: near copies or an identity (exact copies stay together). */
        public boolean separable() {
            return near || identity;
        }
    }

    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final ObjectProperty<GroupRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ChangeListener<ExportPlan> planListener = (o, a, b) -> refresh();
    /** Takes back the last decision on a group (null: none to take back). */
    private Runnable lastUndo;
    private String lastUndoneMessage = "";
    private final javafx.beans.property.ReadOnlyBooleanWrapper canUndo = new javafx.beans.property.ReadOnlyBooleanWrapper();

    /** Where decisions on images go: the review, which confirms them, keeps them in its history and undoes them. */
    private final java.util.function.Consumer<java.util.Map<SampleItem, ReviewDecision>> decide;

    /** @param decide records decisions on images as one step (a null decision clears the image's) */
    public DuplicatesViewModel(ReadOnlyObjectProperty<DatasetSession> session,
                               java.util.function.Consumer<java.util.Map<SampleItem, ReviewDecision>> decide) {
        this.session = session;
        this.decide = decide;
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
        GroupRow before = selected.get();
        List<GroupRow> all = new ArrayList<>();
        if (plan != null) {
            for (PlannedGroup g : shownGroups(plan)) {
                boolean shown = switch (filter.get() == null ? Filter.ALL : filter.get()) {
                    case ALL -> true;
                    case DUPLICATES -> isCopies(g);
                    case IDENTITIES -> g.kinds().contains(LinkKind.IDENTITY);
                    case STRADDLING -> g.straddles();
                    case LABEL_CONFLICTS -> g.labelConflict();
                };
                if (shown) all.add(row(g));
            }
        }
        all.sort(Comparator.comparingInt((GroupRow r) -> -r.members().size()).thenComparingInt(GroupRow::id));
        rows.setAll(all);
        selected.set(all.stream().filter(r -> before != null && r.id() == before.id() && r.identity() == before.identity())
                .findFirst().orElse(all.isEmpty() ? null : all.get(0)));
        summary.set(summary(plan));
    }

    /**
     * Each set of copies of one image, and each group holding an identity (whole: the person's images with their
     * copies). A set of copies inside an identity is listed both ways, as a duplicate and within its identity.
     */
    private static List<PlannedGroup> shownGroups(ExportPlan plan) {
        List<PlannedGroup> shown = new ArrayList<>(plan.copies());
        plan.groups().stream().filter(g -> g.kinds().contains(LinkKind.IDENTITY)).forEach(shown::add);
        return shown;
    }

    private static boolean isCopies(PlannedGroup g) {
        return !g.kinds().contains(LinkKind.IDENTITY);
    }

    private static String summary(ExportPlan plan) {
        if (plan == null) return "The groups appear once the images are checked.";
        List<PlannedGroup> shown = shownGroups(plan);
        long identities = shown.stream().filter(g -> g.kinds().contains(LinkKind.IDENTITY)).count();
        if (shown.isEmpty()) return "No duplicates found: no image has an exact or near copy in the dataset.";
        String text = String.format(Locale.ROOT, "%,d group(s) (%,d images), %,d straddle the split, %,d with files in several classes",
                shown.size(), shown.stream().flatMap(g -> g.members().stream()).distinct().count(),
                shown.stream().filter(PlannedGroup::straddles).count(), plan.labelConflictGroups());
        return identities == 0 ? text : text + String.format(Locale.ROOT, "; %,d hold an identity (the face recognition net's "
                + "guess of one person: each is kept on one side)", identities);
    }

    private static GroupRow row(PlannedGroup g) {
        boolean identity = g.kinds().contains(LinkKind.IDENTITY);
        // an identity's several classes are expressions of one person, not a conflict of labels
        return new GroupRow(g.id(), g.members(), String.join(" + ", g.kindNames()), g.hasNearCopies(), g.classes(), g.split(),
                g.maxDistance(), identity, !identity && g.labelConflict());
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

    /**
     * Keeps {@code kept} and rejects every other image of the selected group as a duplicate: one step of the review
     * (confirmed, in its history, one undo takes it back), each decision journaled.
     */
    public void keepOnly(SampleItem kept) {
        DatasetSession s = session.get();
        GroupRow row = selected.get();
        if (s == null || row == null || kept == null) return;
        int n = 0;
        java.util.Map<SampleItem, ReviewDecision> changes = new java.util.LinkedHashMap<>();
        for (SampleItem i : members(row)) {
            if (i == kept) continue;
            if (i.decision() != null && i.decision().rejected()) continue;
            changes.put(i, ReviewDecision.reject(i.relativePath(), RejectReason.DUPLICATE));
            n++;
        }
        if (kept.decision() != null && kept.decision().rejected()) changes.put(kept, null);
        decide.accept(changes);
        message.set(String.format(Locale.ROOT, "Kept %s; rejected %d duplicate%s of it.", kept.relativePath(), n, n == 1 ? "" : "s"));
    }

    /**
     * Says the selected group's images are not duplicates of one another: the plan stops grouping them by near links
     * (exact copies, same bytes or pixels, stay together), saved in the workspace's journal and used by Export and by
     * {@code prepare --decisions}. {@link #undoGroupDecision} takes the last one back.
     */
    public void markNotDuplicates() {
        DatasetSession s = session.get();
        GroupRow row = selected.get();
        if (s == null || row == null) return;
        if (!row.separable()) {
            message.set("Group " + row.id() + " holds exact copies (the same bytes or pixels): they stay together.");
            return;
        }
        separate(s, java.util.Set.copyOf(row.members()));
        message.set(row.identity()
                ? String.format(Locale.ROOT, "Group %d marked as not one person: its images are no longer kept together by "
                        + "identity%s.", row.id(), row.near() ? " nor as near copies" : "")
                : String.format(Locale.ROOT, "Group %d marked as not duplicates: its near copies are no longer kept together.",
                        row.id()));
    }

    /**
     * Takes one image out of the selected group's identity ("not this person"): the rest of the identity stays
     * together. Saved like "Not duplicates" (the workspace journal, read by {@code prepare --decisions}).
     */
    public void notThisPerson(SampleItem item) {
        DatasetSession s = session.get();
        GroupRow row = selected.get();
        if (s == null || row == null || item == null || !row.identity()) return;
        separate(s, java.util.Set.of(item.relativePath()));
        message.set(String.format(Locale.ROOT, "%s taken out of the identity of group %d.", item.relativePath(), row.id()));
    }

    /**
     * Says the identities of the given rows show one person ("same person"): the plan joins them into one identity,
     * kept on one side. Saved in the journal like the separations and read by {@code prepare --decisions}.
     */
    public void samePerson(List<GroupRow> chosen) {
        DatasetSession s = session.get();
        if (s == null) return;
        List<GroupRow> identities = chosen.stream().filter(GroupRow::identity).toList();
        if (identities.size() < 2) {
            message.set("Select two or more identities (Ctrl+click) to say they show one person.");
            return;
        }
        java.util.Set<String> set = new java.util.TreeSet<>();
        identities.forEach(r -> set.addAll(r.members()));
        java.util.Set<String> decided = java.util.Set.copyOf(set);
        s.setSamePerson(decided, true);
        remember(() -> s.setSamePerson(decided, false), "Taken back: those identities are apart again.");
        message.set(String.format(Locale.ROOT, "Groups %s marked as one person: %d images kept together.",
                String.join(", ", identities.stream().map(r -> Integer.toString(r.id())).toList()), set.size()));
    }

    private void separate(DatasetSession s, java.util.Set<String> set) {
        s.setNotDuplicates(set, true);
        remember(() -> s.setNotDuplicates(set, false), "Taken back: those images are grouped together again.");
    }

    private void remember(Runnable undo, String undoneMessage) {
        lastUndo = undo;
        lastUndoneMessage = undoneMessage;
        canUndo.set(true);
    }

    /** Takes back the last decision on a group made here (not duplicates, not one person, not this person, same person). */
    public void undoGroupDecision() {
        DatasetSession s = session.get();
        if (s == null || lastUndo == null) return;
        lastUndo.run();
        message.set(lastUndoneMessage);
        forgetUndo();
    }

    /** Whether there is a decision on a group to take back. */
    public javafx.beans.property.ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    private void forgetUndo() {
        lastUndo = null;
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
