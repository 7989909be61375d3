package org.ferworkbench.ui.inspector;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.ferworkbench.core.align.CropGeometry;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facenet.Landmarks68;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.ui.common.FxImages;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

import java.util.List;
import java.util.Locale;

/**
 * The inspector: the original with faces drawn over it (boxes, five landmarks, probabilities; the face the export
 * uses outlined strongest, and the square its crop was cut from, dashed), the export's crop at a readable zoom, the augmented copies with their parameters and a
 * re-roll button, and the metadata.
 */
public final class InspectorView {
    private static final double ORIGINAL_WIDTH = 380;
    private static final double ORIGINAL_HEIGHT = 300;
    private static final double OUTPUT_ZOOM_SIZE = 192;

    private final InspectorViewModel vm;
    private final ImageView original = new ImageView();
    private final javafx.scene.transform.Affine zoomTransform = new javafx.scene.transform.Affine();
    private final Label zoomLabel = new Label("100%");
    private PictureZoom zoom = PictureZoom.FIT;
    /** The image whose zoom is kept while it is shown again (a decision or a settings change reloads it). */
    private String loadedTitle;
    private final Canvas overlay = new Canvas();
    private final ImageView output = new ImageView();
    private final FlowPane variants = new FlowPane(8, 8);
    private final GridPane metadata = new GridPane();
    private final ScrollPane root;
    private final VBox content;

    public InspectorView(InspectorViewModel vm) {
        this.vm = vm;
        Label title = new Label();
        title.setId("inspectorTitle");
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(vm.titleProperty());
        title.setMinWidth(0);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, busy);
        header.setAlignment(Pos.CENTER_LEFT);

        original.setPreserveRatio(true);
        original.setSmooth(true);
        overlay.setWidth(ORIGINAL_WIDTH);
        overlay.setHeight(ORIGINAL_HEIGHT);
        StackPane layer = new StackPane(original, overlay);
        layer.setMinSize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        layer.setMaxSize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        layer.getTransforms().add(zoomTransform);
        layer.setManaged(false);
        layer.resize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        javafx.scene.layout.Pane picture = new javafx.scene.layout.Pane(layer);
        picture.setId("inspectorPicture");
        picture.getStyleClass().add("inspector-picture");
        picture.setMinSize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        picture.setPrefSize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        picture.setMaxSize(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        picture.setClip(new javafx.scene.shape.Rectangle(ORIGINAL_WIDTH, ORIGINAL_HEIGHT));
        zoomable(picture);
        HBox zoomBar = zoomBar();
        Label faceNote = new Label();
        faceNote.setId("faceNote");
        faceNote.setWrapText(true);
        faceNote.textProperty().bind(vm.faceNoteProperty());

        output.setSmooth(false);
        output.setFitWidth(OUTPUT_ZOOM_SIZE);
        output.setFitHeight(OUTPUT_ZOOM_SIZE);
        output.setPreserveRatio(true);
        Label dropped = new Label("not exported");
        dropped.getStyleClass().add("muted");
        dropped.visibleProperty().bind(vm.outputProperty().isNull());
        StackPane outputBox = new StackPane(output, dropped);
        outputBox.getStyleClass().add("inspector-output");
        outputBox.setMinSize(OUTPUT_ZOOM_SIZE, OUTPUT_ZOOM_SIZE);
        outputBox.setMaxSize(OUTPUT_ZOOM_SIZE, OUTPUT_ZOOM_SIZE);
        Label outputCaption = new Label();
        outputCaption.setId("outputCaption");
        outputCaption.setWrapText(true);
        outputCaption.textProperty().bind(vm.outputCaptionProperty());
        outputCaption.getStyleClass().add("muted");
        VBox outputText = new VBox(4, sectionTitle("Exported crop"), outputCaption);
        HBox.setHgrow(outputText, Priority.ALWAYS);
        HBox outputRow = new HBox(12, outputBox, outputText);

        Button reroll = new Button("Re-roll", new FontIcon(MaterialDesignD.DICE_5));
        reroll.setId("reroll");
        reroll.setTooltip(new Tooltip("Show six other augmentations of this image (the first set is the export's copies 0-5)"));
        reroll.setOnAction(e -> vm.reroll());
        reroll.disableProperty().bind(vm.titleProperty().isEqualTo("No image selected"));
        Region s2 = new Region();
        HBox.setHgrow(s2, Priority.ALWAYS);
        HBox variantsHeader = new HBox(8, sectionTitle("Augmented copies"), s2, reroll);
        variantsHeader.setAlignment(Pos.CENTER_LEFT);
        variants.setId("variants");
        // test images are never augmented: no panel that suggests otherwise
        for (Node n : new Node[]{variantsHeader, variants}) {
            n.visibleProperty().bind(vm.variantsShownProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        variants.setPrefWrapLength(ORIGINAL_WIDTH);

        metadata.setId("metadata");
        metadata.setHgap(10);
        metadata.setVgap(3);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(70);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        metadata.getColumnConstraints().setAll(keys, values);

        VBox details = new VBox(10, new VBox(4, picture, zoomBar), faceNote, outputRow, variantsHeader, variants, sectionTitle("Metadata"), metadata);
        details.visibleProperty().bind(vm.originalProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        Label placeholder = new Label("Select an image to inspect it: click a thumbnail, or move with the arrow keys.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("placeholder");
        placeholder.visibleProperty().bind(details.visibleProperty().not().and(vm.loadingProperty().not()));
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        Label problem = new Label();
        problem.setId("inspectorProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        placeholder.visibleProperty().unbind();
        placeholder.visibleProperty().bind(details.visibleProperty().not().and(vm.loadingProperty().not())
                .and(vm.problemProperty().isEmpty()));
        content = new VBox(10, header, problem, placeholder, details);
        content.setPadding(new Insets(10));
        content.getStyleClass().add("inspector");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setId("inspector");

        vm.originalProperty().addListener((o, a, b) -> showOriginal(b));
        vm.detections().addListener((ListChangeListener<FaceDetection>) c -> drawFaces());
        vm.chosenProperty().addListener((o, a, b) -> drawFaces());
        vm.cropProperty().addListener((o, a, b) -> drawFaces());
        vm.landmarksProperty().addListener((o, a, b) -> drawFaces());
        vm.outputProperty().addListener((o, a, b) -> output.setImage(b == null ? null : FxImages.toImage(b)));
        vm.variants().addListener((ListChangeListener<Variant>) c -> showVariants());
        vm.metadata().addListener((ListChangeListener<MetadataRow>) c -> showMetadata());
    }

    /** Wheel zooms about the cursor, a drag pans, a double click fits; +, - and 0 do the same from the keyboard. */
    private void zoomable(javafx.scene.layout.Pane picture) {
        picture.setOnScroll(e -> {
            if (e.getDeltaY() == 0) return;
            setZoom(zoom.zoomAt(e.getDeltaY() > 0 ? PictureZoom.STEP : 1 / PictureZoom.STEP, e.getX(), e.getY(),
                    ORIGINAL_WIDTH, ORIGINAL_HEIGHT));
            e.consume();
        });
        double[] last = new double[2];
        picture.setOnMousePressed(e -> {
            last[0] = e.getX();
            last[1] = e.getY();
            picture.requestFocus();
        });
        picture.setOnMouseDragged(e -> {
            setZoom(zoom.panBy(e.getX() - last[0], e.getY() - last[1], ORIGINAL_WIDTH, ORIGINAL_HEIGHT));
            last[0] = e.getX();
            last[1] = e.getY();
        });
        picture.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) setZoom(PictureZoom.FIT);
        });
        picture.setFocusTraversable(true);
        picture.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case PLUS, ADD, EQUALS -> zoomCentre(PictureZoom.STEP);
                case MINUS, SUBTRACT -> zoomCentre(1 / PictureZoom.STEP);
                case DIGIT0, NUMPAD0 -> setZoom(PictureZoom.FIT);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private HBox zoomBar() {
        Button out = new Button(null, new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAGNIFY_MINUS_OUTLINE));
        out.setId("zoomOut");
        out.setTooltip(new Tooltip("Zoom out (-)"));
        out.setOnAction(e -> zoomCentre(1 / PictureZoom.STEP));
        Button in = new Button(null, new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAGNIFY_PLUS_OUTLINE));
        in.setId("zoomIn");
        in.setTooltip(new Tooltip("Zoom in (+, or the mouse wheel over the picture)"));
        in.setOnAction(e -> zoomCentre(PictureZoom.STEP));
        Button fit = new Button("Fit");
        fit.setId("zoomFit");
        fit.setTooltip(new Tooltip("Show the whole image (0, or double-click the picture)"));
        fit.setOnAction(e -> setZoom(PictureZoom.FIT));
        zoomLabel.setId("zoomLevel");
        zoomLabel.getStyleClass().add("muted");
        Label hint = new Label("drag to pan");
        hint.getStyleClass().addAll("muted", "small");
        hint.visibleProperty().bind(fit.disableProperty().not());
        for (Button b : new Button[]{out, in, fit}) b.getStyleClass().add("small-button");
        fit.disableProperty().bind(zoomLabel.textProperty().isEqualTo("100%"));
        out.disableProperty().bind(fit.disableProperty());
        HBox bar = new HBox(6, out, in, fit, zoomLabel, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void zoomCentre(double factor) {
        setZoom(zoom.zoomAt(factor, ORIGINAL_WIDTH / 2, ORIGINAL_HEIGHT / 2, ORIGINAL_WIDTH, ORIGINAL_HEIGHT));
    }

    private void setZoom(PictureZoom z) {
        zoom = z;
        zoomTransform.setToTransform(z.zoom(), 0, z.tx(), 0, z.zoom(), z.ty());
        zoomLabel.setText(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * z.zoom()));
    }

    /** The current zoom of the original (for tests). */
    PictureZoom zoom() {
        return zoom;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private void showOriginal(RgbImage image) {
        if (loadedTitle == null || !loadedTitle.equals(vm.titleProperty().get())) setZoom(PictureZoom.FIT);
        loadedTitle = vm.titleProperty().get();
        if (image == null) {
            original.setImage(null);
            drawFaces();
            return;
        }
        double fit = Math.min(ORIGINAL_WIDTH / image.width(), ORIGINAL_HEIGHT / image.height());
        original.setFitWidth(image.width() * fit);
        original.setFitHeight(image.height() * fit);
        original.setImage(FxImages.toImage(image));
        drawFaces();
    }

    /**
     * Boxes, landmarks and probabilities, from original-image pixels to the shown picture. The canvas covers the
     * whole frame, so a box reaching beyond a tightly cropped image stays visible.
     */
    private void drawFaces() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        RgbImage shown = vm.originalProperty().get();
        if (shown == null) return;
        double fit = Math.min(ORIGINAL_WIDTH / shown.width(), ORIGINAL_HEIGHT / shown.height());
        double scale = vm.displayScaleProperty().get() * fit;
        double ox = (ORIGINAL_WIDTH - shown.width() * fit) / 2;
        double oy = (ORIGINAL_HEIGHT - shown.height() * fit) / 2;
        FaceDetection chosen = vm.chosenProperty().get();
        g.setFont(Font.font("System", FontWeight.BOLD, 12));
        g.setTextBaseline(VPos.BOTTOM);
        for (FaceDetection f : vm.detections()) {
            boolean used = chosen != null && sameBox(f, chosen);
            Color colour = used ? Color.web("#22c55e") : Color.web("#f59e0b");
            double x = ox + f.x1() * scale;
            double y = oy + f.y1() * scale;
            double w = (f.x2() - f.x1()) * scale;
            double h = (f.y2() - f.y1()) * scale;
            g.setStroke(colour);
            g.setLineWidth(used ? 2.5 : 1.5);
            g.strokeRect(x, y, w, h);
            g.setFill(colour);
            for (FaceDetection.Landmark l : f.landmarks()) {
                g.fillOval(ox + l.x() * scale - 2.5, oy + l.y() * scale - 2.5, 5, 5);
            }
            String p = String.format(Locale.ROOT, "%.3f", f.probability());
            double ty = Math.max(14, y - 2);
            double tx = Math.max(0, Math.min(ORIGINAL_WIDTH - p.length() * 7.5 - 4, x));
            g.setFill(Color.color(0, 0, 0, 0.6));
            g.fillRect(tx, ty - 14, p.length() * 7.5 + 4, 14);
            g.setFill(colour);
            g.fillText(p, tx + 2, ty);
        }
        drawCrop(g, scale, ox, oy);
        drawLandmarks(g, scale, ox, oy);
    }

    /** The square the exported crop was cut from (turned with the eyes, clipped or not), dashed white over a dark line. */
    private void drawCrop(GraphicsContext g, double scale, double ox, double oy) {
        CropGeometry crop = vm.cropProperty().get();
        if (crop == null) return;
        double[] xs = new double[4], ys = new double[4];
        for (int i = 0; i < 4; i++) {
            CropGeometry.Point p = crop.corners().get(i);
            // mapped as the boxes and landmarks are, so a square box inside the image is drawn on its own outline
            xs[i] = ox + p.x() * scale;
            ys[i] = oy + p.y() * scale;
        }
        g.setLineDashes();
        g.setStroke(Color.color(0, 0, 0, 0.7));
        g.setLineWidth(3);
        g.strokePolygon(xs, ys, 4);
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokePolygon(xs, ys, 4);
        g.setLineDashes();
    }

    /** The 68 points the face-api nets found (cyan), and the study's eye centres, the means of each eye's six (crosses). */
    private void drawLandmarks(GraphicsContext g, double scale, double ox, double oy) {
        Landmarks68 marks = vm.landmarksProperty().get();
        if (marks == null) return;
        g.setFill(Color.web("#22d3ee"));
        for (Landmarks68.Point p : marks.points()) g.fillOval(ox + p.x() * scale - 1.5, oy + p.y() * scale - 1.5, 3, 3);
        g.setStroke(Color.web("#e11d48"));
        g.setLineWidth(2);
        for (Landmarks68.Point c : List.of(marks.leftEyeCentre(), marks.rightEyeCentre())) {
            double x = ox + c.x() * scale, y = oy + c.y() * scale;
            g.strokeLine(x - 5, y, x + 5, y);
            g.strokeLine(x, y - 5, x, y + 5);
        }
    }

    private static boolean sameBox(FaceDetection a, FaceDetection b) {
        return Math.abs(a.x1() - b.x1()) < 1e-6 && Math.abs(a.y1() - b.y1()) < 1e-6
                && Math.abs(a.x2() - b.x2()) < 1e-6 && Math.abs(a.y2() - b.y2()) < 1e-6;
    }

    private void showVariants() {
        variants.getChildren().clear();
        for (Variant v : vm.variants()) {
            ImageView view = new ImageView(FxImages.toImage(v.image()));
            view.setFitWidth(112);
            view.setFitHeight(112);
            view.setPreserveRatio(true);
            StackPane frame = new StackPane(view);
            frame.setMinSize(112, 112);
            frame.setPrefSize(112, 112);
            frame.getStyleClass().add("variant-picture");
            Label caption = new Label(v.caption().replace(" · ", "\n"));
            caption.getStyleClass().addAll("small", "muted");
            caption.setMaxWidth(112);
            VBox box = new VBox(2, frame, caption);
            box.getStyleClass().add("variant");
            variants.getChildren().add(box);
        }
    }

    private void showMetadata() {
        metadata.getChildren().clear();
        int row = 0;
        for (MetadataRow r : vm.metadata()) {
            Label key = new Label(r.key());
            key.getStyleClass().add("muted");
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // a key is never cut; the value wraps
            Node value;
            if (r.key().equals("SHA-256")) {
                value = hash(r.value());
            } else {
                Label l = new Label(r.value());
                l.setWrapText(true);
                l.setId("meta-" + r.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
                value = l;
            }
            metadata.addRow(row++, key, value);
        }
    }

    /**
     * The SHA-256 in full, wrapped onto a second line where the pane is narrow (64 hex digits do not fit beside its
     * key at 1024 pixels; cut off, a hash is useless), and a button that copies it.
     */
    private static Node hash(String hex) {
        Label text = new Label(hex);
        text.setId("sha256");
        text.setWrapText(true);
        text.getStyleClass().add("monospace");
        text.setMinWidth(0);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button copy = new Button(null, new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CONTENT_COPY));
        copy.setId("copySha256");
        copy.getStyleClass().add("flat");
        copy.setTooltip(new Tooltip("Copy the SHA-256"));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(hex);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.getTooltip().setText("Copied");
        });
        HBox box = new HBox(4, text, copy);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    public Node node() {
        return root;
    }

    /** The whole inspector, unclipped by its scroll pane (for screenshots). */
    public Node content() {
        return content;
    }
}
