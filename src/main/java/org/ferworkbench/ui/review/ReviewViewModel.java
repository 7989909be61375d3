package org.ferworkbench.ui.review;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.browser.BrowserViewModel;
import org.ferworkbench.ui.session.DatasetSession;
import org.ferworkbench.ui.session.SampleItem;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepting and rejecting the selected images (with a reason, suggested from what detection found), undo and redo,
 * and the review mode that steps through the undecided images that need a look (no face, several faces, low
 * probability). A decision on several images (a selection, or "keep this one" in the Groups tab) is one step: one
 * undo takes it back. Every step, from whatever source, is confirmed ({@link #confirmationProperty()}: the image and
 * the verdict, with Undo or Redo) and enters the history ({@link #history()}). Decisions are saved by the session at
 * once (undo and redo too, as the decisions they restore), so a restart shows the same state.
 */
public final class ReviewViewModel {
    private final BrowserViewModel browser;
    private final javafx.beans.property.ReadOnlyObjectProperty<DatasetSession> session;
    private final ObjectProperty<RejectReason> reason = new SimpleObjectProperty<>(RejectReason.OTHER);
    private final BooleanProperty reviewMode = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Confirmation> confirmation = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DecisionRecord> history = FXCollections.observableArrayList();
    private final ObservableList<DecisionRecord> historyView = FXCollections.unmodifiableObservableList(history);
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private long confirmations;
    private boolean reviewFinished;

    /** One image's decision before and after a step. */
    private record Change(SampleItem item, ReviewDecision before, ReviewDecision after) { }

    /** What one action decided, on one image or several: undone and redone as a whole. */
    private record Step(DatasetSession session, List<Change> changes) { }

    public ReviewViewModel(javafx.beans.property.ReadOnlyObjectProperty<DatasetSession> session, BrowserViewModel browser) {
        this.session = session;
        this.browser = browser;
        browser.selectedItemProperty().addListener((o, a, b) -> {
            hasSelection.set(b != null);
            // several images selected: the reason chosen for them stays while the focus moves among them
            if (b != null && browser.selectedItems().size() <= 1) reason.set(suggestedReason(b));
        });
        session.addListener((o, a, b) -> {
            reviewFinished = false;
            undo.clear();
            redo.clear();
            canUndo.set(false);
            canRedo.set(false);
            confirmation.set(null);
            loadHistory(b);
            reviewMode.set(false);
            updateProgress();
        });
        reviewMode.addListener((o, a, b) -> {
            if (b) next();
            updateProgress();
        });
        // the class rows carry the counts; they refresh (briefly delayed) when checks or decisions change
        browser.classes().addListener((javafx.collections.ListChangeListener<org.ferworkbench.ui.browser.ClassRow>) c -> updateProgress());
    }

    /** The reason that fits what detection (or the expression net) found (the reviewer can change it before rejecting). */
    static RejectReason suggestedReason(SampleItem item) {
        SampleStatus s = SampleStatus.of(item.check(), null, item.opinion() != null && item.opinion().disputed());
        return switch (s) {
            case NO_FACE -> RejectReason.NO_FACE;
            case SEVERAL_FACES -> RejectReason.SEVERAL_FACES;
            case LABEL_DISPUTED -> RejectReason.WRONG_LABEL;
            default -> item.decision() != null && item.decision().reason() != null ? item.decision().reason() : RejectReason.OTHER;
        };
    }

    /** Accepts the selected images (the one shown, or all those selected with it). */
    public void accept() {
        decideSelected(item -> ReviewDecision.accept(item.relativePath()));
    }

    /** Rejects the selected images with the chosen reason. */
    public void reject() {
        RejectReason why = reason.get();
        decideSelected(item -> ReviewDecision.reject(item.relativePath(), why));
    }

    private void decideSelected(java.util.function.Function<SampleItem, ReviewDecision> decision) {
        SampleItem focused = browser.getSelectedItem();
        if (focused == null || session.get() == null) return;
        List<SampleItem> targets = browser.selectedItems().size() > 1 ? List.copyOf(browser.selectedItems()) : List.of(focused);
        Map<SampleItem, ReviewDecision> changes = new LinkedHashMap<>();
        targets.forEach(i -> changes.put(i, decision.apply(i)));
        apply(changes);
        browser.refreshNow();
        if (reviewMode.get()) next();
        else if (browser.getSelectedItem() == null) browser.reveal(focused);
        updateProgress();
    }

    /**
     * Records decisions made elsewhere (e.g. "keep this one" in the Groups tab: rejections, and the kept image
     * undecided) as one step, confirmed, in the history and undone as a whole; a null decision clears the image's.
     */
    public void record(Map<SampleItem, ReviewDecision> changes) {
        if (session.get() == null || changes.isEmpty()) return;
        apply(new LinkedHashMap<>(changes));
        browser.refreshNow();
        updateProgress();
    }

    private void apply(Map<SampleItem, ReviewDecision> changes) {
        DatasetSession s = session.get();
        Map<SampleItem, ReviewDecision> previous = s.decideAll(changes);
        List<Change> list = new ArrayList<>(changes.size());
        changes.forEach((item, after) -> list.add(new Change(item, previous.get(item), after)));
        undo.push(new Step(s, List.copyOf(list)));
        redo.clear();
        updateStacks();
        Instant now = Instant.now();
        addHistory(list, c -> c.after(), now, "");
        confirm(describe(list, Change::after) + stillDropped(s, list), Confirmation.Action.UNDO);
    }

    /**
     * Accepting overrides a check's warning, not the face policy the export applies: says so for accepted images the
     * policy still drops (by the planner's own rule, FaceSelection, on what the check found), or "" when none.
     */
    private static String stillDropped(DatasetSession s, List<Change> changes) {
        org.ferworkbench.core.settings.PrepareConfig config = s.config();
        if (!config.detectFaces()) return "";
        List<String> reasons = new ArrayList<>();
        for (Change c : changes) {
            if (c.after() == null || c.after().rejected()) continue;
            org.ferworkbench.core.curation.ImageCheck check = c.item().check();
            if (check == null || !check.readable() || !check.detected()) continue;
            org.ferworkbench.core.split.SplitName split = s.getPlannedSplit(c.item().relativePath());
            var verdict = org.ferworkbench.core.facestage.FaceSelection.select(check.width(), check.height(), check.faces(),
                    config.face().policy(split == null ? org.ferworkbench.core.split.SplitName.TRAIN : split),
                    config.face().minProbability());
            if (!verdict.accepted()) reasons.add(verdict.reason());
        }
        if (reasons.isEmpty()) return "";
        return changes.size() == 1 ? " · the face stage still drops it (" + reasons.get(0) + "): the inspector says how to keep it"
                : String.format(" · %,d of them still dropped by the face stage", reasons.size());
    }

    /** Takes back the last step (all of its images) and shows its (first) image again. */
    public void undo() {
        move(undo, redo, Change::before, "undo", Confirmation.Action.REDO);
    }

    /** Makes the last step taken back again. */
    public void redo() {
        move(redo, undo, Change::after, "redo", Confirmation.Action.UNDO);
    }

    /** Takes the top step of {@code from}, restores each image to {@code state}, and offers it back on {@code to}. */
    private void move(Deque<Step> from, Deque<Step> to, java.util.function.Function<Change, ReviewDecision> state, String how,
                      Confirmation.Action offered) {
        Step step = from.poll();
        if (step == null || step.session() != session.get()) {
            updateStacks();
            return;
        }
        restore(step, state);
        to.push(step);
        updateStacks();
        addHistory(step.changes(), state, Instant.now(), how);
        confirm((how.equals("undo") ? "Undo: " : "Redo: ") + describe(step.changes(), state), offered);
    }

    private void restore(Step step, java.util.function.Function<Change, ReviewDecision> state) {
        Map<SampleItem, ReviewDecision> changes = new LinkedHashMap<>();
        step.changes().forEach(c -> changes.put(c.item(), state.apply(c)));
        step.session().decideAll(changes);
        browser.refreshNow();
        SampleItem first = step.changes().get(0).item();
        browser.reveal(first);
        updateProgress();
    }

    private void updateStacks() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    private void confirm(String message, Confirmation.Action action) {
        confirmation.set(new Confirmation(++confirmations, message, action));
    }

    /**
     * Says that a review key did nothing because the keyboard is elsewhere (e.g. in the Settings or the reason list),
     * so a key pressed in the wrong place is not lost without a word.
     */
    public void keyIgnored(String key) {
        if (session.get() == null) return;
        confirm(key + " did nothing: the review keys act when the image grid, the inspector or a review button has the "
                + "keyboard. Click an image first.", Confirmation.Action.NONE);
    }

    /**
     * "anger_003.jpg rejected (no face)", "12 images rejected (no face)", or, for a step with several outcomes, each
     * of them ("2 images rejected (duplicate); anger_005.jpg undecided").
     */
    private static String describe(List<Change> changes, java.util.function.Function<Change, ReviewDecision> state) {
        Map<String, List<SampleItem>> byOutcome = new LinkedHashMap<>();
        for (Change c : changes) {
            ReviewDecision d = state.apply(c);
            String outcome = d == null ? "undecided" : d.rejected() ? "rejected (" + d.reason().label() + ")" : "accepted";
            byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(c.item());
        }
        List<String> parts = new ArrayList<>();
        byOutcome.forEach((outcome, items) -> parts.add((items.size() == 1 ? items.get(0).fileName()
                : String.format("%,d images", items.size())) + " " + outcome));
        return String.join("; ", parts);
    }

    private void addHistory(List<Change> changes, java.util.function.Function<Change, ReviewDecision> state, Instant at, String how) {
        List<DecisionRecord> records = new ArrayList<>(changes.size());
        for (Change c : changes) {
            ReviewDecision d = state.apply(c);
            Instant when = how.isEmpty() && d != null ? d.at() : at;
            records.add(DecisionRecord.of(when, c.item().relativePath(), c.item().fileName(), d, how));
        }
        // newest first; a step's images in their order
        history.addAll(0, records);
    }

    /** The decisions already saved for the dataset, newest first, as the history's start. */
    private void loadHistory(DatasetSession s) {
        if (s == null) {
            history.clear();
            return;
        }
        List<DecisionRecord> saved = new ArrayList<>();
        for (SampleItem i : s.items()) {
            ReviewDecision d = i.decision();
            if (d != null) saved.add(DecisionRecord.of(d.at(), i.relativePath(), i.fileName(), d, "saved"));
        }
        saved.sort(java.util.Comparator.comparing(DecisionRecord::at).reversed());
        history.setAll(saved);
    }

    /** Shows the image of a history line: its class, with a filter that includes it, selected. */
    public void show(DecisionRecord entry) {
        DatasetSession s = session.get();
        if (s == null || entry == null) return;
        SampleItem item = s.item(entry.relativePath());
        if (item != null) browser.reveal(item);
    }

    /** Selects the next undecided image that needs a look, after the current one (wrapping around). */
    public boolean next() {
        DatasetSession s = session.get();
        if (s == null) return false;
        List<SampleItem> items = s.items();
        SampleItem current = browser.getSelectedItem();
        int start = current == null ? 0 : items.indexOf(current) + 1;
        for (int k = 0; k < items.size(); k++) {
            SampleItem i = items.get((start + k) % items.size());
            if (i.getStatus().needsLook()) {
                browser.reveal(i);
                return true;
            }
        }
        if (reviewMode.get()) {
            reviewFinished = true;
            reviewMode.set(false);
        }
        return false;
    }

    private void updateProgress() {
        DatasetSession s = session.get();
        if (s == null) {
            progress.set("");
            return;
        }
        long left = browser.classes().stream().mapToInt(org.ferworkbench.ui.browser.ClassRow::needsLook).sum();
        if (left > 0) {
            progress.set(String.format("%,d image%s need%s a look", left, left == 1 ? "" : "s", left == 1 ? "s" : ""));
        } else {
            progress.set(reviewFinished ? "Review done: no image needs a look." : "");
        }
    }

    public ObjectProperty<RejectReason> reasonProperty() {
        return reason;
    }

    public BooleanProperty reviewModeProperty() {
        return reviewMode;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The latest confirmation (null before the first decision of a dataset): the window shows it briefly. */
    public ReadOnlyObjectProperty<Confirmation> confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    /** Every decision of this dataset, newest first: those saved before it was opened, then each one made since. */
    public ObservableList<DecisionRecord> history() {
        return historyView;
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** Recounts the images that need a look (after checks arrive). */
    public void refresh() {
        updateProgress();
    }
}
