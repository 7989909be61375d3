package org.ferworkbench.core.face;

/** Detector parameters; defaults are facenet-pytorch's MTCNN defaults (min face 20, 0.6/0.7/0.7, 0.709). */
public record MtcnnParameters(int minFaceSize, double pnetThreshold, double rnetThreshold, double onetThreshold,
                              double scaleFactor) {
    public static final MtcnnParameters DEFAULTS = new MtcnnParameters(20, 0.6, 0.7, 0.7, 0.709);

    public MtcnnParameters {
        checkMinFaceSize(minFaceSize);
        checkThreshold("P-Net threshold", pnetThreshold);
        checkThreshold("R-Net threshold", rnetThreshold);
        checkThreshold("O-Net threshold", onetThreshold);
        checkScaleFactor(scaleFactor);
    }

    /** The rules of the parameters (the settings builder checks user input with them too). */
    public static void checkMinFaceSize(int pixels) {
        if (pixels < 1) throw new IllegalArgumentException("minimum face size must be at least 1 pixel, got " + pixels);
    }

    public static void checkThreshold(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }

    public static void checkScaleFactor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("pyramid factor must be between 0 and 1 (exclusive), got " + factor);
        }
    }

    /** A short stable key, used to invalidate cached detections when a parameter changes. */
    public String cacheKey() {
        return "mtcnn-v1:" + minFaceSize + ":" + pnetThreshold + ":" + rnetThreshold + ":" + onetThreshold + ":" + scaleFactor;
    }
}
