package org.ferworkbench.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.OutputDtype;
import org.ferworkbench.core.settings.FacePolicy;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.core.settings.Setting;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

import java.util.function.Function;

/** Every pipeline parameter in sections, each field with its problem (if any) right under it. */
public final class SettingsView {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final SettingsViewModel vm;
    private final ScrollPane root;
    private GridPane grid;
    private final java.util.List<GridPane> grids = new java.util.ArrayList<>();
    private int row;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
        VBox content = new VBox(4);
        content.setPadding(new Insets(10));
        content.getStyleClass().add("settings");

        section(content, "Split");
        text("Seed", vm.seed, Setting.SEED, "seed", "Drives the split and every augmentation.");
        text("Test ratio", vm.testRatio, Setting.TEST_RATIO, "testRatio", "Share of each class put in test (the study: 0.25).");
        text("Group pattern", vm.groupPattern, Setting.GROUP_PATTERN, "groupPattern",
                "Optional regular expression; group 1 over the file name is the subject, kept on one side (CK+: ^(S\\d+)_).");
        choice("Duplicates", vm.duplicates, org.ferworkbench.core.split.DuplicateHandling.values(), "duplicates", d -> switch (d) {
            case GROUP -> "each group on one side";
            case IGNORE -> "split image by image (the study)";
        });
        text("Near distance", vm.nearDistance, Setting.NEAR_DISTANCE, "nearDistance",
                "Bits (of 64) two perceptual hashes may differ by to count as near-duplicates; 0 for exact copies only.");
        choice("Label conflicts", vm.labelConflicts, org.ferworkbench.core.split.LabelConflicts.values(), "labelConflicts", c -> switch (c) {
            case TOGETHER -> "keep, on one side";
            case DROP -> "leave out";
        });
        choice("Group by", vm.groupBy, org.ferworkbench.core.split.GroupBy.values(), "groupBy", g -> switch (g) {
            case NONE -> "copies and pattern only";
            case IDENTITY -> "identity: one person on one side";
        });
        TextField identity = text("Identity threshold", vm.identityThreshold, Setting.IDENTITY_THRESHOLD, "identityThreshold",
                "Face descriptors closer than this are one person (dlib's rule: 0.6; smaller merges fewer).");
        identity.disableProperty().bind(vm.groupBy.isNotEqualTo(org.ferworkbench.core.split.GroupBy.IDENTITY));

        section(content, "Balance (train only)");
        choice("Target", vm.balanceMode, BalanceTarget.Mode.values(), "balanceMode", m -> switch (m) {
            case MAJORITY -> "up to the largest class";
            case NONE -> "no balancing";
            case FIXED -> "a fixed count per class";
        });
        TextField count = text("Count per class", vm.balanceCount, Setting.BALANCE, "balanceCount", null);
        count.disableProperty().bind(vm.balanceMode.isNotEqualTo(BalanceTarget.Mode.FIXED));

        section(content, "Augmentation of copies");
        range("Rotation (°)", vm.rotate, vm.rotationMin, vm.rotationMax, Setting.ROTATION, "rotation");
        range("Brightness ×", vm.brighten, vm.brightnessMin, vm.brightnessMax, Setting.BRIGHTNESS, "brightness");
        CheckBox flip = check("Horizontal flip", vm.flip, "flip");
        TextField flipP = text("Flip probability", vm.flipProbability, Setting.FLIP_PROBABILITY, "flipProbability", null);
        flipP.disableProperty().bind(flip.selectedProperty().not());
        choice("Corners", vm.border, BorderMode.values(), "border", b -> switch (b) {
            case REPLICATE -> "repeat the edge (Keras \"nearest\")";
            case REFLECT -> "mirror";
            case BLACK -> "black";
        });

        section(content, "Face detection and alignment");
        CheckBox detect = check("Detect faces (MTCNN)", vm.detectFaces, "detectFaces");
        Node[] faceFields = {
                text("Minimum face (px)", vm.minFaceSize, Setting.MIN_FACE_SIZE, "minFaceSize", null),
                thresholds(),
                text("Pyramid factor", vm.scaleFactor, Setting.SCALE_FACTOR, "scaleFactor", null),
                text("Minimum probability", vm.minProbability, Setting.MIN_PROBABILITY, "minProbability",
                        "Faces below this probability are ignored (0 = only MTCNN's thresholds)."),
                choice("Train images", vm.trainPolicy, FacePolicy.FOR_TRAIN.toArray(FacePolicy[]::new), "trainPolicy", SettingsView::policy),
                choice("Test images", vm.testPolicy, FacePolicy.FOR_TEST.toArray(FacePolicy[]::new), "testPolicy", SettingsView::policy,
                        "The study drops faceless images from the training set only; \"whole image\" keeps every test image."),
                choice("Order", vm.order, PipelineOrder.values(), "order", o -> o == PipelineOrder.AUGMENT_THEN_DETECT
                        ? "augment, then detect (the study)" : "detect, then augment the face",
                        "Augment first: each copy is detected and aligned again, so alignment turns most of its rotation back"
                                + " (a median of 1-2° of the drawn 0-90° is left on muxspace_fer6) and copies whose face is lost"
                                + " are drawn again. Detect first: the aligned face is augmented, so the arrays keep the rotation drawn."),
                choice("Alignment", vm.alignment, AlignmentMethod.values(), "alignment", a -> switch (a) {
                    case EYES -> "level the eyes (MTCNN's eye points)";
                    case EYES68 -> "level the eyes (68-point means, the study)";
                    case SIMILARITY -> "5-point similarity";
                }),
                choice("Crop fill", vm.cropFill, CropFill.values(), "cropFill", f -> switch (f) {
                    case BLACK -> "black where the square leaves the image";
                    case EDGE -> "repeat the edge pixels";
                    case CLIP -> "shrink the square to fit the image";
                }),
                text("Attempts per copy", vm.maxAttempts, Setting.MAX_ATTEMPTS, "maxAttempts",
                        "A copy whose face is lost after augmenting is augmented again, up to this many times.")};
        for (Node n : faceFields) n.disableProperty().bind(detect.selectedProperty().not());

        section(content, "Output");
        text("Size (px)", vm.outputSize, Setting.OUTPUT_SIZE, "outputSize", "Width and height of every exported image (the study: 96).");
        choice("Pixel type", vm.dtype, OutputDtype.values(), "dtype", d -> d == OutputDtype.FLOAT32 ? "float32 in [0, 1]" : "uint8 0..255");
        CheckBox npy = new CheckBox("npy");
        npy.setId("formatNpy");
        npy.selectedProperty().bindBidirectional(vm.formatNpy);
        CheckBox npz = new CheckBox("npz bundle");
        npz.setId("formatNpz");
        npz.selectedProperty().bindBidirectional(vm.formatNpz);
        CheckBox png = new CheckBox("PNG folders");
        png.setId("formatPng");
        png.selectedProperty().bindBidirectional(vm.formatPng);
        // on two lines when the pane is narrow
        FlowPane formats = new FlowPane(12, 4, npy, npz, png);
        formats.setPrefWrapLength(120);
        addRow("Formats", formats, Setting.FORMATS, null);

        Label message = new Label();
        message.setId("settingsMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("muted");
        Button reset = new Button("Reset to the study's settings", new FontIcon(MaterialDesignH.HISTORY));
        reset.setId("resetSettings");
        reset.setOnAction(e -> vm.resetToStudyDefaults());
        VBox footer = new VBox(8, message, reset);
        footer.setPadding(new Insets(12, 0, 0, 0));
        content.getChildren().add(footer);
        content.disableProperty().bind(vm.editableProperty().not());

        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setId("settings");
    }

    private static String policy(FacePolicy p) {
        return switch (p) {
            case ONLY_ONE -> "keep only with exactly one face";
            case LARGEST -> "use the largest face; drop images without one";
            case MOST_CONFIDENT -> "use the most confident face; drop images without one";
            case WHOLE_IMAGE_IF_NONE -> "use the largest face; whole image if none (the study)";
        };
    }

    private void section(VBox content, String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        l.setPadding(new Insets(10, 0, 2, 0));
        grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        labels.setPrefWidth(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        row = 0;
        grids.add(grid);
        content.getChildren().addAll(l, grid);
    }

    private void addRow(String label, Node field, Setting errorKey, String hint) {
        Label l = new Label(label);
        l.setMinWidth(Label.USE_PREF_SIZE);
        grid.add(l, 0, row);
        grid.add(field, 1, row++);
        if (hint != null) {
            Label h = new Label(hint);
            h.setWrapText(true);
            h.getStyleClass().addAll("muted", "small");
            grid.add(h, 1, row++);
        }
        if (errorKey != null) {
            Label error = new Label();
            error.setId("error-" + errorKey.name());
            error.setWrapText(true);
            error.getStyleClass().add("error-text");
            StringBinding text = Bindings.stringValueAt(vm.errors(), errorKey);
            error.textProperty().bind(text);
            error.visibleProperty().bind(text.isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            grid.add(error, 1, row++);
            text.addListener((o, a, b) -> field.pseudoClassStateChanged(ERROR, b != null && !b.isEmpty()));
            if (field instanceof Pane box) {
                text.addListener((o, a, b) -> box.getChildren().forEach(c -> c.pseudoClassStateChanged(ERROR, b != null && !b.isEmpty())));
            }
        }
    }

    private TextField text(String label, StringProperty p, Setting errorKey, String id, String hint) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(10);
        addRow(label, f, errorKey, hint);
        return f;
    }

    private Node thresholds() {
        TextField p = new TextField();
        p.setId("pnetThreshold");
        p.textProperty().bindBidirectional(vm.pnetThreshold);
        TextField r = new TextField();
        r.setId("rnetThreshold");
        r.textProperty().bindBidirectional(vm.rnetThreshold);
        TextField o = new TextField();
        o.setId("onetThreshold");
        o.textProperty().bindBidirectional(vm.onetThreshold);
        for (TextField f : new TextField[]{p, r, o}) {
            f.setPrefColumnCount(4);
            HBox.setHgrow(f, Priority.ALWAYS);
        }
        HBox box = new HBox(6, p, new Label("/"), r, new Label("/"), o);
        box.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(box, new Tooltip("P-Net / R-Net / O-Net thresholds (MTCNN defaults 0.6 / 0.7 / 0.7)"));
        addRow("Thresholds P/R/O", box, Setting.THRESHOLDS, null);
        return box;
    }

    private void range(String label, BooleanProperty on, StringProperty min, StringProperty max, Setting errorKey, String id) {
        CheckBox enabled = new CheckBox();
        enabled.setId(id + "On");
        enabled.selectedProperty().bindBidirectional(on);
        TextField lo = new TextField();
        lo.setId(id + "Min");
        lo.textProperty().bindBidirectional(min);
        TextField hi = new TextField();
        hi.setId(id + "Max");
        hi.textProperty().bindBidirectional(max);
        lo.setPrefColumnCount(5);
        hi.setPrefColumnCount(5);
        lo.disableProperty().bind(on.not());
        hi.disableProperty().bind(on.not());
        Label to = new Label("to");
        to.setMinWidth(Label.USE_PREF_SIZE);
        HBox box = new HBox(6, enabled, lo, to, hi);
        box.setAlignment(Pos.CENTER_LEFT);
        addRow(label, box, errorKey, null);
    }

    private CheckBox check(String label, BooleanProperty p, String id) {
        CheckBox c = new CheckBox(label);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        grid.add(c, 1, row++);
        return c;
    }

    private <T> ComboBox<T> choice(String label, ObjectProperty<T> p, T[] values, String id, Function<T, String> names) {
        return choice(label, p, values, id, names, null);
    }

    private <T> ComboBox<T> choice(String label, ObjectProperty<T> p, T[] values, String id, Function<T, String> names,
                                   String hint) {
        ComboBox<T> c = new WrappingComboBox<>();
        c.setId(id);
        c.getItems().setAll(values);
        c.valueProperty().bindBidirectional(p);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : names.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        c.setMaxWidth(Double.MAX_VALUE);
        addRow(label, c, null, hint);
        return c;
    }

    /**
     * A combo box whose chosen value wraps onto a second line when the form is narrower than the text (the pane
     * beside the images is narrow at 1024 pixels): as high as its text needs at the width it gets.
     */
    private static final class WrappingComboBox<T> extends ComboBox<T> {
        WrappingComboBox() {
            getStyleClass().add("wrapping");   // workbench.css: the button cell wraps
            setMinWidth(0);
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefHeight(double width) {
            double h = super.computePrefHeight(width);
            // the skin asks its text for the height at the whole width; the text has that less the arrow's
            Node cell = getSkin() instanceof javafx.scene.control.skin.ComboBoxListViewSkin<?> skin ? skin.getDisplayNode() : null;
            Node arrow = lookup(".arrow-button");
            if (width <= 0 || cell == null || arrow == null) return h;
            double textWidth = width - snappedLeftInset() - snappedRightInset() - arrow.prefWidth(-1);
            return Math.max(h, snappedTopInset() + cell.prefHeight(textWidth) + snappedBottomInset());
        }

        /** Never squeezed back to one line (the text would end in "..."). */
        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }
    }

    /**
     * Takes the rows out of the form and returns the steps that put them back, in order, a few nodes per step (see
     * {@link org.ferworkbench.ui.startup.Staged}): some twenty fields and combo boxes (each combo box makes a list)
     * styled at once made one frame of a quarter of a second. Run every step before the form is used.
     */
    public java.util.List<Runnable> detachRows(int nodesPerStep) {
        java.util.List<Runnable> steps = new java.util.ArrayList<>();
        for (GridPane g : grids) steps.addAll(org.ferworkbench.ui.startup.Staged.detachChildren(g, nodesPerStep));
        return steps;
    }

    public Node node() {
        return root;
    }
}
