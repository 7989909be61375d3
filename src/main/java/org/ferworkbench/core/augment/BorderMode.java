package org.ferworkbench.core.augment;

/**
 * How a rotation fills the corners it uncovers. REPLICATE repeats the edge pixels (Keras ImageDataGenerator's
 * default fill_mode "nearest", the likely setting of the study); REFLECT mirrors the image; BLACK fills zeros.
 */
public enum BorderMode {
    REPLICATE, REFLECT, BLACK;

    /** The OpenCV border constant. */
    public int openCvCode() {
        return switch (this) {
            case REPLICATE -> org.opencv.core.Core.BORDER_REPLICATE;
            case REFLECT -> org.opencv.core.Core.BORDER_REFLECT_101;
            case BLACK -> org.opencv.core.Core.BORDER_CONSTANT;
        };
    }
}
