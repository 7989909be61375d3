package org.ferworkbench.ui.session;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.labels.LabelOpinion;

/**
 * One image of the open dataset as the workbench shows it: the sample, its latest check and review decision, and the
 * expression net's opinion on its label.
 */
public final class SampleItem {
    private final Sample sample;
    private ImageCheck check;
    private ReviewDecision decision;
    private LabelOpinion opinion;
    private final ReadOnlyObjectWrapper<SampleStatus> status = new ReadOnlyObjectWrapper<>(SampleStatus.UNCHECKED);

    public SampleItem(Sample sample, ImageCheck check, ReviewDecision decision) {
        this.sample = sample;
        this.check = check;
        this.decision = decision;
        status.set(SampleStatus.of(check, decision));
    }

    public Sample sample() {
        return sample;
    }

    public String relativePath() {
        return sample.relativePath();
    }

    public String fileName() {
        return sample.fileName();
    }

    public ImageCheck check() {
        return check;
    }

    public ReviewDecision decision() {
        return decision;
    }

    /** The expression net's opinion on the label, or null when the image's face was not analysed (yet). */
    public LabelOpinion opinion() {
        return opinion;
    }

    public SampleStatus getStatus() {
        return status.get();
    }

    public ReadOnlyObjectProperty<SampleStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** UI thread only. */
    void setCheck(ImageCheck c) {
        check = c;
        updateStatus();
    }

    /** UI thread only. */
    void setDecision(ReviewDecision d) {
        decision = d;
        updateStatus();
    }

    /** UI thread only. */
    void setOpinion(LabelOpinion o) {
        opinion = o;
        updateStatus();
    }

    private void updateStatus() {
        status.set(SampleStatus.of(check, decision, opinion != null && opinion.disputed()));
    }

    @Override
    public String toString() {
        return sample.relativePath();
    }
}
