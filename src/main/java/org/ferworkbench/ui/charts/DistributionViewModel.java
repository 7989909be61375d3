package org.ferworkbench.ui.charts;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.ClassDistribution;
import org.ferworkbench.core.curation.DistributionEstimate;
import org.ferworkbench.core.curation.DistributionEstimator;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.pipeline.PrepareConfig;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.session.DatasetSession;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Class distributions through the preparation (original, train/test after the split, train after balancing,
 * final after detection and rejections), recomputed in the background shortly after the settings, a decision or
 * a check changes. Also publishes the estimate to the session (the inspector shows each image's split from it).
 */
public final class DistributionViewModel {
    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final DistributionEstimator estimator;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<ClassDistribution> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ChangeListener<Object> changed = (o, a, b) -> schedule();
    private TaskHandle pending = TaskHandle.DONE;
    private TaskHandle running = TaskHandle.DONE;
    private long generation;

    public DistributionViewModel(ReadOnlyObjectProperty<DatasetSession> session, DistributionEstimator estimator,
                                 TaskExecutor executor, DialogService dialogs) {
        this.session = session;
        this.estimator = estimator;
        this.executor = executor;
        this.dialogs = dialogs;
        session.addListener((o, before, after) -> {
            if (before != null) {
                before.revisionProperty().removeListener(changed);
                before.configProperty().removeListener(changed);
            }
            if (after != null) {
                after.revisionProperty().addListener(changed);
                after.configProperty().addListener(changed);
                schedule();   // a moment after opening, not in the same frame as the grid
            } else {
                refresh();
            }
        });
    }

    private void schedule() {
        pending.cancel();
        pending = executor.schedule(Duration.ofMillis(200), this::refresh);
    }

    /** Recomputes now (in the background). */
    public void refresh() {
        pending.cancel();
        running.cancel();
        long gen = ++generation;
        DatasetSession s = session.get();
        if (s == null) {
            rows.clear();
            summary.set("");
            problem.set("");
            return;
        }
        // live views, read in the background: nothing is copied on the JavaFX thread
        Map<String, ImageCheck> checks = s.checksView();
        Set<String> rejected = s.rejectedView();
        PrepareConfig config = s.config();
        running = executor.execute(BackgroundTask.of("Estimating distributions",
                        ctx -> estimator.estimate(s.dataset(), checks, rejected, config))
                .onSuccess(e -> {
                    if (gen != generation || session.get() != s) return;
                    s.setEstimate(e);
                    rows.setAll(e.classes());
                    problem.set(e.problem() == null ? "" : e.problem());
                    summary.set(describe(e, config));
                })
                .onFailure(e -> problem.set(ErrorMessages.friendly(e))));
    }

    static String describe(DistributionEstimate e, PrepareConfig config) {
        int train = e.classes().stream().mapToInt(ClassDistribution::finalTrain).sum();
        int test = e.classes().stream().mapToInt(ClassDistribution::finalTest).sum();
        int rejected = e.classes().stream().mapToInt(ClassDistribution::rejected).sum();
        StringBuilder b = new StringBuilder(String.format("Final: %,d train + %,d test images", train, test));
        if (rejected > 0) b.append(String.format(" · %,d rejected in review", rejected));
        if (config.detectFaces() && e.unchecked() > 0) {
            b.append(String.format(" · estimate: %,d images not checked for faces yet", e.unchecked()));
        }
        return b.toString();
    }

    /** Writes a chart image as PNG in the background. */
    public void savePng(RenderedImage image, Path file) {
        executor.execute(BackgroundTask.run("Saving chart", () -> {
                    if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available");
                })
                .onFailure(e -> dialogs.showError("Chart not saved", "The chart could not be saved to " + file + ": "
                        + ErrorMessages.friendly(e), e)));
    }

    public String suggestedFileName() {
        DatasetSession s = session.get();
        return (s == null ? "dataset" : s.name()) + "-distribution.png";
    }

    public ObservableList<ClassDistribution> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
