package org.ferworkbench.core.settings;

import org.ferworkbench.core.split.SplitName;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.face.MtcnnParameters;

/**
 * Settings of the face stage. Defaults: MTCNN's defaults, the study's rule for train (exactly one face),
 * the study's rule for test (the largest face, the whole image when there is none: every test image is kept), no
 * extra probability floor, the study's order, the study's eye alignment (six-point eye means of the 68-point net:
 * docs/alignment.md says why it is the default), and black where the crop square reaches past the image
 * (docs/alignment.md, "Crop fill", has the measurements behind it).
 *
 * @param minProbability faces below this probability are ignored (not counted), on top of MTCNN's thresholds
 */
public record FaceOptions(MtcnnParameters detector, FacePolicy trainPolicy, FacePolicy testPolicy,
                          double minProbability, PipelineOrder order, AlignmentMethod alignment, CropFill cropFill) {
    /** The crop fill of {@link #DEFAULTS}. */
    public static final CropFill DEFAULT_CROP_FILL = CropFill.BLACK;

    public static final FaceOptions DEFAULTS = new FaceOptions(MtcnnParameters.DEFAULTS, FacePolicy.ONLY_ONE,
            FacePolicy.WHOLE_IMAGE_IF_NONE, 0.0, PipelineOrder.AUGMENT_THEN_DETECT, AlignmentMethod.EYES68, DEFAULT_CROP_FILL);

    public FaceOptions {
        if (detector == null) detector = MtcnnParameters.DEFAULTS;
        if (trainPolicy == null) trainPolicy = FacePolicy.ONLY_ONE;
        if (testPolicy == null) testPolicy = FacePolicy.WHOLE_IMAGE_IF_NONE;
        if (order == null) order = PipelineOrder.AUGMENT_THEN_DETECT;
        if (alignment == null) alignment = AlignmentMethod.EYES68;
        if (cropFill == null) cropFill = DEFAULT_CROP_FILL;
        checkMinProbability(minProbability);
        checkTrainPolicy(trainPolicy);
    }

    /** Training images without a face are dropped (the study); a whole-image fallback is for test images only. */
    public static void checkTrainPolicy(FacePolicy p) {
        if (p.keepsFaceless()) {
            throw new IllegalArgumentException("whole-image-if-none is for test images only (the study drops training"
                    + " images without a face; --no-detect keeps every image whole)");
        }
    }

    /** The rule of the probability floor (the settings builder checks user input with it too). */
    public static void checkMinProbability(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("minimum face probability must be in [0, 1], got " + p);
    }

    public FacePolicy policy(SplitName split) {
        return split == SplitName.TRAIN ? trainPolicy : testPolicy;
    }

    public FaceOptions withDetector(MtcnnParameters p) {
        return new FaceOptions(p, trainPolicy, testPolicy, minProbability, order, alignment, cropFill);
    }

    public FaceOptions withPolicies(FacePolicy train, FacePolicy test) {
        return new FaceOptions(detector, train, test, minProbability, order, alignment, cropFill);
    }

    public FaceOptions withMinProbability(double p) {
        return new FaceOptions(detector, trainPolicy, testPolicy, p, order, alignment, cropFill);
    }

    public FaceOptions withOrder(PipelineOrder o) {
        return new FaceOptions(detector, trainPolicy, testPolicy, minProbability, o, alignment, cropFill);
    }

    public FaceOptions withAlignment(AlignmentMethod a) {
        return new FaceOptions(detector, trainPolicy, testPolicy, minProbability, order, a, cropFill);
    }

    public FaceOptions withCropFill(CropFill f) {
        return new FaceOptions(detector, trainPolicy, testPolicy, minProbability, order, alignment, f);
    }
}
