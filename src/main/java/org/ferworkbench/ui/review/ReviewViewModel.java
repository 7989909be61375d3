package org.ferworkbench.ui.review;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.ferworkbench.core.curation.RejectReason;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.ui.browser.BrowserViewModel;
import org.ferworkbench.ui.session.DatasetSession;
import org.ferworkbench.ui.session.SampleItem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Accepting and rejecting the selected image (with a reason, suggested from what detection found), undo, and the
 * review mode that steps through the undecided images that need a look (no face, several faces, low probability).
 * Decisions are saved by the session at once.
 */
public final class ReviewViewModel {
    private final BrowserViewModel browser;
    private final javafx.beans.property.ReadOnlyObjectProperty<DatasetSession> session;
    private final ObjectProperty<RejectReason> reason = new SimpleObjectProperty<>(RejectReason.OTHER);
    private final BooleanProperty reviewMode = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper();
    private final Deque<Undo> undo = new ArrayDeque<>();
    private boolean reviewFinished;

    private record Undo(DatasetSession session, SampleItem item, ReviewDecision previous) { }

    public ReviewViewModel(javafx.beans.property.ReadOnlyObjectProperty<DatasetSession> session, BrowserViewModel browser) {
        this.session = session;
        this.browser = browser;
        browser.selectedItemProperty().addListener((o, a, b) -> {
            hasSelection.set(b != null);
            if (b != null) reason.set(suggestedReason(b));
        });
        session.addListener((o, a, b) -> {
            reviewFinished = false;
            undo.clear();
            canUndo.set(false);
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

    public void accept() {
        SampleItem item = browser.getSelectedItem();
        if (item == null) return;
        decide(item, ReviewDecision.accept(item.relativePath()));
    }

    public void reject() {
        SampleItem item = browser.getSelectedItem();
        if (item == null) return;
        decide(item, ReviewDecision.reject(item.relativePath(), reason.get()));
    }

    private void decide(SampleItem item, ReviewDecision decision) {
        DatasetSession s = session.get();
        if (s == null) return;
        ReviewDecision previous = s.decide(item, decision);
        undo.push(new Undo(s, item, previous));
        canUndo.set(true);
        browser.refreshNow();
        if (reviewMode.get()) next();
        else if (browser.getSelectedItem() == null) browser.reveal(item);
        updateProgress();
    }

    /** Takes back the last decision and shows its image again. */
    public void undo() {
        Undo u = undo.poll();
        canUndo.set(!undo.isEmpty());
        if (u == null || u.session() != session.get()) return;
        u.session().decide(u.item(), u.previous());
        browser.refreshNow();
        browser.reveal(u.item());
        updateProgress();
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

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** Recounts the images that need a look (after checks arrive). */
    public void refresh() {
        updateProgress();
    }
}
