package org.ferworkbench.core.settings;

/**
 * Which face of an image is kept, and what happens to an image without one.
 * <ul>
 * <li>ONLY_ONE is the study's rule for training images: keep the image only when exactly one face is found (0 or
 * more than one: dropped).</li>
 * <li>LARGEST and MOST_CONFIDENT keep one face of any image with at least one; an image without a face is dropped.</li>
 * <li>"drop" is read as LARGEST: the name says what it does to faceless images (the test default before the study's
 * rule was read closely: it changed what the test set measures). Settings files record it as "largest".</li>
 * <li>WHOLE_IMAGE_IF_NONE is the study's rule for test images ("We ignored images with no or more faces in the
 * training set": the training set only): the largest face, and an image without one is exported whole, resized
 * to the output size, so the test set stays the split's test set. For test images only.</li>
 * </ul>
 */
public enum FacePolicy {
    ONLY_ONE, LARGEST, MOST_CONFIDENT, WHOLE_IMAGE_IF_NONE;

    /** The policies a training split may use: a faceless training image is always dropped. */
    public static final java.util.List<FacePolicy> FOR_TRAIN = java.util.List.of(ONLY_ONE, LARGEST, MOST_CONFIDENT);
    /** The policies a test split may use, the study's first. */
    public static final java.util.List<FacePolicy> FOR_TEST = java.util.List.of(WHOLE_IMAGE_IF_NONE, LARGEST, MOST_CONFIDENT, ONLY_ONE);

    /**
     * The policy named {@code text} as settings write it ("whole-image-if-none"), or "drop" (= LARGEST).
     *
     * @param choices the side's choices, named in the message when the text names none
     */
    public static FacePolicy parse(String text, java.util.List<FacePolicy> choices) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("drop")) return LARGEST;
        for (FacePolicy p : values()) if (p.text().equals(t) || p.name().equalsIgnoreCase(t)) return p;
        throw new IllegalArgumentException("must be one of " + String.join(", ", choices.stream().map(FacePolicy::text).toList())
                + ", drop, got '" + text + "'");
    }

    /** The name settings files and the command line use. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether an image in which no face is found is kept (whole) rather than dropped. */
    public boolean keepsFaceless() {
        return this == WHOLE_IMAGE_IF_NONE;
    }
}
