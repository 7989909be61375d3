package org.ferworkbench.ui.session;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.curation.SampleStatus;
import org.ferworkbench.core.dataset.Sample;

/** One image of the open dataset as the workbench shows it: the sample, its latest check and review decision. */
public final class SampleItem {
    private final Sample sample;
    private ImageCheck check;
    private ReviewDecision decision;
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

    public SampleStatus getStatus() {
        return status.get();
    }

    public ReadOnlyObjectProperty<SampleStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** UI thread only. */
    void setCheck(ImageCheck c) {
        check = c;
        status.set(SampleStatus.of(check, decision));
    }

    /** UI thread only. */
    void setDecision(ReviewDecision d) {
        decision = d;
        status.set(SampleStatus.of(check, decision));
    }

    @Override
    public String toString() {
        return sample.relativePath();
    }
}
