package org.ferworkbench.ui.charts;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.curation.CheckFacts;
import org.ferworkbench.core.labels.LabelAgreement;
import org.ferworkbench.core.labels.LabelCheck;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.plan.ClassPlan;
import org.ferworkbench.core.plan.EmptyClassPolicy;
import org.ferworkbench.core.plan.ExportPlan;
import org.ferworkbench.core.plan.ExportPlanner;
import org.ferworkbench.core.plan.SourceFacts;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.DialogService;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.session.DatasetSession;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class distributions through the preparation (original, train/test after the split, train after balancing,
 * final after detection and rejections): the export's own plan ({@link ExportPlanner}, the code the export runs),
 * made over what the background check knows so far and recomputed shortly after the settings, a decision or a check
 * changes. Images not checked yet are planned as fine and counted; once all are checked, the numbers are the
 * export's. Also publishes the plan to the session (the inspector shows each image's split from it).
 */
public final class DistributionViewModel {
    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final ExportPlanner planner;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<ClassPlan> rows = FXCollections.observableArrayList();
    private final javafx.beans.property.StringProperty labelMap = new javafx.beans.property.SimpleStringProperty("");
    private final ReadOnlyStringWrapper labelMapMessage = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableMap<String, LabelAgreement.ClassAgreement> agreement =
            FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper("");
    private final ChangeListener<Object> changed = (o, a, b) -> schedule();
    private TaskHandle pending = TaskHandle.DONE;
    private TaskHandle running = TaskHandle.DONE;
    private long generation;

    public DistributionViewModel(ReadOnlyObjectProperty<DatasetSession> session, ExportPlanner planner,
                                 TaskExecutor executor, DialogService dialogs) {
        this.session = session;
        this.planner = planner;
        this.executor = executor;
        this.dialogs = dialogs;
        session.addListener((o, before, after) -> {
            if (before != null) {
                before.revisionProperty().removeListener(changed);
                before.configProperty().removeListener(changed);
            }
            labelMap.set(after == null ? "" : after.labelMap());
            labelMapMessage.set("");
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
        Map<String, org.ferworkbench.core.analysis.FaceAnalysis> analyses = s.analysesView();
        Set<String> rejected = s.rejectedView();
        org.ferworkbench.core.plan.GroupDecisions groups = s.groupDecisions();
        PrepareConfig config = s.config();
        running = executor.execute(BackgroundTask.of("Planning the export", ctx -> plan(s, checks, analyses, rejected, groups, config))
                .onSuccess(p -> {
                    if (gen != generation || session.get() != s) return;
                    s.setPlan(p.plan());
                    agreement.clear();
                    if (p.labels() != null) {
                        p.labels().agreement().classes().forEach(c -> agreement.put(c.className(), c));
                    }
                    rows.setAll(p.plan().classes());
                    problem.set(p.problem() == null ? "" : p.problem());
                    summary.set(p.problem() == null ? describe(p.plan(), config) : "");
                })
                .onFailure(e -> problem.set(ErrorMessages.friendly(e))));
    }

    /**
     * The plan, or (when the settings cannot be exported) the counts that can be told and the reason; and the
     * expression net's agreement with each class so far (null before any face is analysed).
     */
    private record Planned(ExportPlan plan, String problem, LabelCheck labels) { }

    private Planned plan(DatasetSession s, Map<String, ImageCheck> checks, Map<String, org.ferworkbench.core.analysis.FaceAnalysis> analyses,
                         Set<String> rejected, org.ferworkbench.core.plan.GroupDecisions groups, PrepareConfig config) {
        // the analyses carry the descriptors identity groups are made of: the same facts the export plans with
        Map<String, SourceFacts> facts = CheckFacts.of(s.dataset(), checks, analyses);
        // the same table stats --label-check prints, from the same analyses
        LabelCheck labels = analyses.isEmpty() ? null : LabelCheck.of(s.dataset(), facts, s.expressionMapping());
        try {
            // the export stops on an empty class (FAIL) too: the tab says so before the user waits for it
            return new Planned(planner.plan(s.dataset(), facts, rejected, groups, config, EmptyClassPolicy.FAIL), null, labels);
        } catch (DatasetException e) {
            return new Planned(ExportPlanner.countsOnly(s.dataset(), facts, config), e.getMessage(), labels);
        }
    }

    /** The label names being edited ("class=expression" pairs; see {@link #applyLabelMap()}). */
    public javafx.beans.property.StringProperty labelMapProperty() {
        return labelMap;
    }

    /** Why the label names could not be applied, or what they changed. */
    public ReadOnlyStringProperty labelMapMessageProperty() {
        return labelMapMessage.getReadOnlyProperty();
    }

    /**
     * Applies the edited label names (the same rule as {@code stats --label-map}): the net's opinions and the
     * agreement table follow at once, and the names are saved with the workspace.
     */
    public void applyLabelMap() {
        DatasetSession s = session.get();
        if (s == null) return;
        try {
            s.setLabelMap(labelMap.get());
            labelMapMessage.set(s.labelMap().isEmpty() ? "Usual names (anger/angry, disgust, fear, happiness/happy, "
                    + "sadness/sad, surprise, neutral)" : "Applied: " + s.labelMap());
        } catch (IllegalArgumentException e) {
            labelMapMessage.set(e.getMessage());
        }
    }

    /** How often the expression net agrees with each class folder, by class (empty before faces are analysed). */
    public javafx.collections.ObservableMap<String, LabelAgreement.ClassAgreement> agreement() {
        return agreement;
    }

    /** e.g. "84.6% (15)": agreement, and in brackets the labels disputed; empty when nothing is known. */
    public static String describeAgreement(LabelAgreement.ClassAgreement a) {
        if (a == null || a.scored() == 0) return "";
        if (a.expression() == null) return "-";
        return String.format(java.util.Locale.ROOT, "%.1f%% (%d)", 100 * a.share(), a.disputed());
    }

    static String describe(ExportPlan plan, PrepareConfig config) {
        int rejected = plan.classes().stream().mapToInt(ClassPlan::rejected).sum();
        StringBuilder b = new StringBuilder(String.format("Final: %,d train + %,d test images", plan.finalTrain(), plan.finalTest()));
        if (rejected > 0) b.append(String.format(" · %,d rejected in review", rejected));
        if (!plan.copies().isEmpty()) {
            b.append(String.format(" · %,d images in %,d duplicate group%s", plan.imagesWithCopies(), plan.copies().size(),
                    plan.copies().size() == 1 ? "" : "s"));
            b.append(plan.straddlingGroups() > 0 ? String.format(" (%,d straddle the split)", plan.straddlingGroups())
                    : " (each on one side)");
        }
        long identities = plan.groups().stream().filter(g -> g.kinds().contains(org.ferworkbench.core.duplicates.LinkKind.IDENTITY)).count();
        if (identities > 0) {
            b.append(String.format(" · %,d identit%s kept on one side", identities, identities == 1 ? "y" : "ies"));
        }
        if (plan.unchecked() > 0) {
            b.append(String.format(" · %,d image%s not checked%s yet, planned as fine", plan.unchecked(),
                    plan.unchecked() == 1 ? "" : "s", config.detectFaces() ? " for faces" : ""));
        } else {
            b.append(" · every image checked: these are the export's numbers");
        }
        return b.toString();
    }

    /**
     * Writes the images (the chart, then its table) one under the other as one PNG on the background colour, in the
     * background, and then says where it went ({@link #saveMessageProperty()}).
     */
    public void savePng(List<? extends RenderedImage> parts, Color background, Path file) {
        saveMessage.set("Saving " + file + " …");
        executor.execute(BackgroundTask.run("Saving chart", () -> {
                    // encoded first, then written atomically: a failed save never leaves half a file over an earlier one
                    var png = new java.io.ByteArrayOutputStream();
                    if (!ImageIO.write(stack(parts, background), "png", png)) throw new IOException("no PNG writer available");
                    // into the folder the user chose, never a new one made on the way
                    Path folder = file.toAbsolutePath().getParent();
                    if (!java.nio.file.Files.isDirectory(folder)) throw new java.nio.file.NoSuchFileException(folder.toString());
                    org.ferworkbench.core.storage.AtomicFiles.write(file, png.toByteArray());
                })
                .onSuccess(r -> saveMessage.set("Saved the chart and its table to " + file))
                .onFailure(e -> {
                    saveMessage.set("");
                    dialogs.showError("Chart not saved", "The chart could not be saved to " + file + ": "
                            + ErrorMessages.friendly(e), e);
                }));
    }

    /** The images one under the other, left-aligned, as wide as the widest; what no image covers is the background. */
    static BufferedImage stack(List<? extends RenderedImage> parts, Color background) {
        int width = parts.stream().mapToInt(RenderedImage::getWidth).max().orElse(1);
        int height = Math.max(1, parts.stream().mapToInt(RenderedImage::getHeight).sum());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (RenderedImage part : parts) {
                g.drawRenderedImage(part, AffineTransform.getTranslateInstance(0, y));
                y += part.getHeight();
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Where the last "Save as PNG" went ("Saved ... to <file>"), or that it is being saved; empty before. */
    public ReadOnlyStringProperty saveMessageProperty() {
        return saveMessage.getReadOnlyProperty();
    }

    public String suggestedFileName() {
        DatasetSession s = session.get();
        return (s == null ? "dataset" : s.name()) + "-distribution.png";
    }

    public ObservableList<ClassPlan> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
