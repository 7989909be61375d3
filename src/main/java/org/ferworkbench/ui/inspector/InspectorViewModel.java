package org.ferworkbench.ui.inspector;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.augment.Augmenter;
import org.ferworkbench.core.curation.ImageCheck;
import org.ferworkbench.core.curation.ReviewDecision;
import org.ferworkbench.core.analysis.FaceInspection;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facenet.Landmarks68;
import org.ferworkbench.core.labels.ExpressionMapping;
import org.ferworkbench.core.labels.LabelOpinion;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.read.SourceRead;
import org.ferworkbench.core.read.SourceReader;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.core.random.SeededRandom;
import org.ferworkbench.ui.common.BackgroundTask;
import org.ferworkbench.ui.common.ErrorMessages;
import org.ferworkbench.ui.common.TaskExecutor;
import org.ferworkbench.ui.common.TaskHandle;
import org.ferworkbench.ui.face.FacePreview;
import org.ferworkbench.ui.face.FacePreviewService;
import org.ferworkbench.ui.session.DatasetSession;
import org.ferworkbench.ui.session.SampleItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The selected image up close: the original (scaled for display) with every face found, the crop the export would
 * make of it at the output size, a strip of augmented variants (the export's own copies 0..5 first; re-roll shows
 * further seeds) and its metadata. Everything is computed in the background; a newer selection cancels an older
 * one.
 */
public final class InspectorViewModel {
    public static final int VARIANTS = 6;
    private static final int DISPLAY_MAX = 720;
    private static final int VARIANT_MAX = 160;

    private final ReadOnlyObjectProperty<DatasetSession> session;
    private final ReadOnlyObjectProperty<SampleItem> selection;
    private final FacePreviewService faces;
    private final Supplier<SourceReader> reader;
    private final Supplier<ImageResizer> resizer;
    private final TaskExecutor executor;

    private final ReadOnlyObjectWrapper<RgbImage> original = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper displayScale = new ReadOnlyDoubleWrapper(1);
    private final ObservableList<FaceDetection> detections = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FaceDetection> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CropGeometry> crop = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RgbImage> output = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper outputCaption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper faceNote = new ReadOnlyStringWrapper("");
    private final ObservableList<Variant> variants = FXCollections.observableArrayList();
    private final ObservableList<MetadataRow> metadata = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No image selected");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Landmarks68> landmarks = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper variantsShown = new ReadOnlyBooleanWrapper(true);
    private int roll;
    /** The side the shown image was on when it was loaded. */
    private SplitName shownSplit;
    private long generation;
    private TaskHandle running = TaskHandle.DONE;
    private TaskHandle pending = TaskHandle.DONE;
    private Loaded loaded;

    /** The decoded source of the current image, kept for re-rolls. */
    private record Loaded(SampleItem item, RgbImage image, String sha256, PrepareConfig config, RgbImage face) { }

    private record Result(Loaded loaded, RgbImage display, double scale, List<FaceDetection> faces, FaceDetection chosen,
                          CropGeometry crop, RgbImage output, String outputCaption, String faceNote, List<Variant> variants,
                          List<MetadataRow> meta, Landmarks68 landmarks, boolean variantsShown) { }

    public InspectorViewModel(ReadOnlyObjectProperty<DatasetSession> session, ReadOnlyObjectProperty<SampleItem> selection,
                              FacePreviewService faces, Supplier<SourceReader> reader,
                              Supplier<ImageResizer> resizer, TaskExecutor executor) {
        this.session = session;
        this.selection = selection;
        this.faces = faces;
        this.reader = reader;
        this.resizer = resizer;
        this.executor = executor;
        // a decision (key, button, menu, undo) changes the selected image's status: show its consequence at once
        javafx.beans.value.ChangeListener<Object> statusChanged = (o, a, b) -> schedule();
        selection.addListener((o, a, b) -> {
            if (a != null) a.statusProperty().removeListener(statusChanged);
            if (b != null) b.statusProperty().addListener(statusChanged);
            roll = 0;
            schedule();
        });
        session.addListener((o, a, b) -> {
            if (b != null) {
                b.configProperty().addListener((oo, x, y) -> schedule());
                // the plan moves an image between the sides as checks come in: what is shown follows its side
                b.planProperty().addListener((oo, x, y) -> {
                    SampleItem item = selection.get();
                    if (item != null && b.getPlannedSplit(item.relativePath()) != shownSplit) schedule();
                });
            }
            schedule();
        });
        faces.addStateListener(() -> executor.runOnUiThread(this::schedule));
    }

    /** Loads after a short pause, so holding an arrow key down does not start a load per image. */
    private void schedule() {
        pending.cancel();
        pending = executor.schedule(Duration.ofMillis(60), this::load);
    }

    /** Shows other augmentations of the same image (the first roll shows the export's copies 0..5). */
    public void reroll() {
        roll++;
        load();
    }

    public void load() {
        running.cancel();
        long gen = ++generation;
        SampleItem item = selection.get();
        DatasetSession s = session.get();
        if (item == null || s == null) {
            clear("No image selected");
            return;
        }
        loading.set(true);
        title.set(item.relativePath());
        PrepareConfig config = s.config();
        SplitName split = s.getPlannedSplit(item.relativePath());
        shownSplit = split;
        String duplicates = s.getDuplicatesOf(item.relativePath());
        String identity = s.getIdentityOf(item.relativePath());
        ExpressionMapping mapping = s.expressionMapping();
        int rollNow = roll;
        Loaded previous = loaded != null && loaded.item() == item && loaded.config().equals(config) ? loaded : null;
        running = executor.execute(BackgroundTask.of("Inspecting image",
                        ctx -> compute(item, config, split, duplicates, identity, mapping, rollNow, previous, ctx.cancellation()))
                .onSuccess(r -> {
                    if (gen == generation) show(r);
                })
                .onFailure(e -> {
                    if (gen != generation) return;
                    clear(item.relativePath());
                    problem.set("Cannot show this image: " + ErrorMessages.friendly(e));
                })
                .onFinally(() -> {
                    if (gen == generation) loading.set(false);
                }));
    }

    private Result compute(SampleItem item, PrepareConfig config, SplitName split, String duplicates, String identity,
                           ExpressionMapping mapping, int rollNow, Loaded previous,
                           org.ferworkbench.core.progress.Cancellation cancel) throws Exception {
        Loaded l = previous;
        List<FaceDetection> found = List.of();
        FaceDetection best = null;
        String note;
        RgbImage face;
        String faceReason = null;
        double angle = 0;
        CropGeometry geometry = null;
        if (l == null) {
            SourceRead src = reader.get().readPixels(item.sample());
            if (src.failure() != null) throw new IllegalStateException("the file cannot be used: " + src.failure().reason());
            cancel.throwIfCancelled();
            l = new Loaded(item, src.image(), src.source().sha256(), config, null);
        }
        RgbImage image = l.image();
        if (!config.detectFaces()) {
            face = image;
            note = "Face detection is off in the settings: the whole image is exported.";
        } else if (faces.state() == FacePreviewService.State.READY) {
            FacePreview p = faces.preview(new FaceRequest(image, l.sha256()), config, split == null ? SplitName.TRAIN : split);
            found = p.faces();
            best = p.chosen();
            face = p.face();
            faceReason = p.dropReason();
            angle = p.alignmentDegrees();
            geometry = p.face() == null ? null : p.crop();
            // a face the policy drops is not "used": nothing is outlined, and the caption says why
            if (face == null) best = null;
            note = describeFaces(found, best);
        } else {
            ImageCheck check = item.check();
            if (check != null && check.detected()) found = check.faces();
            face = null;
            note = faces.stateMessage() + (found.isEmpty() ? "" : " (faces shown from the last check)");
        }
        cancel.throwIfCancelled();
        int size = config.outputSize();
        RgbImage out = face == null ? null : resizer.get().resize(face, size, size);
        String caption;
        if (out != null && config.detectFaces() && best == null) {
            caption = String.format(Locale.ROOT, "%d×%d, whole image: no face found, and the test settings keep such images"
                    + " whole", size, size);
        } else if (out != null) {
            caption = config.detectFaces() ? String.format(Locale.ROOT, "%d×%d, eyes levelled by %.1f°", size, size, angle)
                    + (geometry == null ? "" : "; " + describeCrop(geometry))
                    : String.format(Locale.ROOT, "%d×%d, whole image", size, size);
        } else if (faceReason != null) {
            caption = "Dropped by the face stage: " + faceReason;
        } else {
            caption = "No aligned crop (face detection not available)";
        }
        ReviewDecision decision = item.decision();
        if (decision != null && decision.rejected()) {
            // the crop is not exported: do not show it as if it were
            out = null;
            caption = "Not exported: rejected in review (" + decision.reason().label() + "). Accept it (A) or undo (U) to"
                    + " bring it back.";
        } else if (decision != null && out == null && faceReason != null) {
            caption = "Accepted in review, but the face stage still drops it: " + faceReason + ". "
                    + howToKeep(faceReason, split == null ? SplitName.TRAIN : split);
        }
        l = new Loaded(l.item(), image, l.sha256(), config, face);
        double scale = Math.min(1.0, DISPLAY_MAX / (double) Math.max(image.width(), image.height()));
        RgbImage display = scale < 1 ? resizer.get().resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale))) : image;
        // only training images the export keeps get augmented copies (not test images, not dropped or rejected ones)
        boolean variantsShown = split != SplitName.TEST && faceReason == null && (decision == null || !decision.rejected());
        List<Variant> vs = variantsShown ? variants(l, config, rollNow, cancel) : List.of();
        List<MetadataRow> meta = metadata(item, l, split, found, angle, out != null, duplicates);
        // the face-api nets' look at the face the export's identity groups and label check use (same analyser)
        FaceInspection inspection = null;
        SourceAnalyzer analyzer = faces.analyzer(config);
        boolean facesKnown = !config.detectFaces() || faces.state() == FacePreviewService.State.READY;
        if (analyzer != null && facesKnown) {
            inspection = analyzer.inspect(image, config.detectFaces() ? found : null);
            meta.addAll(opinionRows(item, inspection, identity, mapping));
        }
        return new Result(l, display, scale, found, best, geometry, out, caption, note, vs, meta,
                inspection == null ? null : inspection.landmarks(), variantsShown);
    }

    /**
     * What, in the settings, would keep an image the face stage drops (said when a reviewer accepts one): accepting
     * overrides a check's warning, not the face policy the export applies.
     */
    static String howToKeep(String faceReason, SplitName split) {
        boolean test = split == SplitName.TEST;
        if (faceReason.startsWith("several faces")) {
            return test ? "To keep its largest face, choose \"use the largest face\" for test images in Settings."
                    : "The study keeps training images with exactly one face; to keep its largest face, choose \"use the"
                    + " largest face\" for train images in Settings.";
        }
        if (faceReason.startsWith("no face above probability")) {
            return "Its faces are below the minimum probability: lower it in Settings to keep it.";
        }
        // no face found, or too small to search
        return test ? "To export it whole, choose \"whole image if none\" for test images in Settings."
                : "Training images without a face are always dropped (the study); for a set of already cropped faces,"
                + " turn face detection off in Settings.";
    }

    /** The expression net's top three, its opinion on the label, and the identity group the plan keeps together. */
    private static List<MetadataRow> opinionRows(SampleItem item, FaceInspection inspection, String identity,
                                                 ExpressionMapping mapping) {
        List<MetadataRow> rows = new ArrayList<>();
        if (inspection == null) {
            rows.add(new MetadataRow("Expression", "no face to score"));
            return rows;
        }
        // the mapping was read on the UI thread when the load began (the user may edit it meanwhile)
        LabelOpinion o = LabelOpinion.of(item.sample().className(), inspection.analysis().expressions(), mapping);
        StringBuilder top = new StringBuilder();
        for (LabelOpinion.Scored t : o.top()) {
            if (top.length() > 0) top.append(" · ");
            top.append(String.format(Locale.ROOT, "%s %.0f%%", t.expression().name().toLowerCase(Locale.ROOT), 100 * t.probability()));
        }
        rows.add(new MetadataRow("Expression", top.toString()));
        rows.add(new MetadataRow("Label check", o.disputed() ? o.describe(item.sample().className())
                : Float.isNaN(o.own()) ? "no expression of the net for this class"
                : String.format(Locale.ROOT, "not disputed (%s %.0f%%)", item.sample().className(), 100 * o.own())));
        if (!identity.isEmpty()) rows.add(new MetadataRow("Identity", identity));
        return rows;
    }

    private List<Variant> variants(Loaded l, PrepareConfig config, int rollNow, org.ferworkbench.core.progress.Cancellation cancel) {
        Augmenter augmenter = new Augmenter(config.augmentation().border());
        // with detect-then-augment the export augments the aligned face; otherwise the whole source
        RgbImage base = config.detectFaces() && config.face().order() == PipelineOrder.DETECT_THEN_AUGMENT && l.face() != null
                ? l.face() : l.image();
        double scale = Math.min(1.0, VARIANT_MAX / (double) Math.max(base.width(), base.height()));
        RgbImage small = scale < 1 ? resizer.get().resize(base, Math.max(1, (int) Math.round(base.width() * scale)),
                Math.max(1, (int) Math.round(base.height() * scale))) : base;
        List<Variant> out = new ArrayList<>(VARIANTS);
        for (int i = 0; i < VARIANTS; i++) {
            cancel.throwIfCancelled();
            int copy = rollNow * VARIANTS + i;
            long seed = SeededRandom.deriveSeed(config.seed(), "augment", l.item().relativePath(), copy, 0);
            Augmentation a = config.augmentation().sample(seed);
            out.add(new Variant(augmenter.apply(small, a), a, copy));
        }
        return out;
    }

    /**
     * What the crop fill did, for the caption: "18% of the crop lies outside the image, filled black", "clipped to the
     * image: side 112 of 130 px", or that the square lay inside the image.
     */
    static String describeCrop(CropGeometry g) {
        if (g.clipped()) return String.format(Locale.ROOT, "clipped to the image: side %d of %d px", g.side(), g.fullSide());
        if (g.outsideFraction() <= 0) return "the crop lies inside the image";
        double percent = 100 * g.outsideFraction();
        String share = percent < 9.95 ? String.format(Locale.ROOT, "%.1f%%", percent) : String.format(Locale.ROOT, "%.0f%%", percent);
        return share + " of the crop lies outside the image, " + switch (g.fill()) {
            case EDGE -> "filled with edge pixels";
            case BLACK -> "filled black";
            // only a box centred outside the image: clip cannot shrink below 1 px, whose pixel then repeats the edge
            case CLIP -> "which repeats the edge pixels";
        };
    }

    private static String describeFaces(List<FaceDetection> found, FaceDetection best) {
        if (found.isEmpty()) return "No face found.";
        StringBuilder b = new StringBuilder(found.size() == 1 ? "1 face" : found.size() + " faces");
        b.append(" · probabilities ");
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%.3f", found.get(i).probability()));
        }
        if (best != null && found.size() > 1) b.append(" · the outlined one is used");
        return b.toString();
    }

    private static List<MetadataRow> metadata(SampleItem item, Loaded l, SplitName split, List<FaceDetection> found,
                                              double angle, boolean exported, String duplicates) {
        List<MetadataRow> rows = new ArrayList<>();
        rows.add(new MetadataRow("File", item.relativePath()));
        rows.add(new MetadataRow("Class", item.sample().className() + " (label " + item.sample().label() + ")"));
        rows.add(new MetadataRow("Size", l.image().width() + " × " + l.image().height() + " px"));
        ImageCheck c = item.check();
        if (c != null && c.fileSize() >= 0) rows.add(new MetadataRow("File size", String.format("%,d bytes", c.fileSize())));
        rows.add(new MetadataRow("Split", split != null ? split.id()
                : item.getStatus() == org.ferworkbench.core.curation.SampleStatus.UNREADABLE ? "none (unreadable)" : "not known yet"));
        rows.add(new MetadataRow("Status", item.getStatus().label()));
        if (!duplicates.isEmpty()) rows.add(new MetadataRow("Duplicates", duplicates));
        String reason = item.decision() != null && item.decision().reason() != null ? item.decision().reason().label()
                : c != null && !c.readable() ? c.unreadableReason() : "";
        if (!reason.isEmpty()) rows.add(new MetadataRow("Reason", reason));
        rows.add(new MetadataRow("SHA-256", l.sha256()));
        if (!found.isEmpty()) {
            double p = found.stream().mapToDouble(FaceDetection::probability).max().orElse(0);
            rows.add(new MetadataRow("Faces", found.size() + " (best probability " + String.format(Locale.ROOT, "%.4f", p) + ")"));
        }
        if (exported && angle != 0) rows.add(new MetadataRow("Alignment", String.format(Locale.ROOT, "%.2f°", angle)));
        return rows;
    }

    private void show(Result r) {
        loaded = r.loaded();
        problem.set("");
        original.set(r.display());
        displayScale.set(r.scale());
        detections.setAll(r.faces());
        chosen.set(r.chosen());
        crop.set(r.crop());
        output.set(r.output());
        outputCaption.set(r.outputCaption());
        faceNote.set(r.faceNote());
        variants.setAll(r.variants());
        metadata.setAll(r.meta());
        landmarks.set(r.landmarks());
        variantsShown.set(r.variantsShown());
    }

    private void clear(String heading) {
        loaded = null;
        title.set(heading);
        problem.set("");
        original.set(null);
        detections.clear();
        chosen.set(null);
        crop.set(null);
        output.set(null);
        outputCaption.set("");
        faceNote.set("");
        variants.clear();
        metadata.clear();
        landmarks.set(null);
        loading.set(false);
    }

    /** Whether the image gets augmented copies (training images, or images whose split is not known yet). */
    public ReadOnlyBooleanProperty variantsShownProperty() {
        return variantsShown.getReadOnlyProperty();
    }

    /** The 68 landmarks of the face the nets looked at (original pixels; eyes36-41, 42-47), or null. */
    public ReadOnlyObjectProperty<Landmarks68> landmarksProperty() {
        return landmarks.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** Display pixels per original pixel (face coordinates are in original pixels). */
    public ReadOnlyDoubleProperty displayScaleProperty() {
        return displayScale.getReadOnlyProperty();
    }

    public ObservableList<FaceDetection> detections() {
        return detections;
    }

    public ReadOnlyObjectProperty<FaceDetection> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    /**
     * The exported crop's square on the original (original pixels, turned with the eyes; clipped or not) and how it
     * was filled; null when nothing is cropped (no face, detection off or not available).
     */
    public ReadOnlyObjectProperty<CropGeometry> cropProperty() {
        return crop.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> outputProperty() {
        return output.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputCaptionProperty() {
        return outputCaption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty faceNoteProperty() {
        return faceNote.getReadOnlyProperty();
    }

    public ObservableList<Variant> variants() {
        return variants;
    }

    public ObservableList<MetadataRow> metadata() {
        return metadata;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the selected image cannot be shown (empty when it can). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
