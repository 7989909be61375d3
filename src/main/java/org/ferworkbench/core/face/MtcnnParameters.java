package org.ferworkbench.core.face;

/** Detector parameters; defaults are facenet-pytorch's MTCNN defaults (min face 20, 0.6/0.7/0.7, 0.709). */
public record MtcnnParameters(int minFaceSize, double pnetThreshold, double rnetThreshold, double onetThreshold,
                              double scaleFactor) {
    public static final MtcnnParameters DEFAULTS = new MtcnnParameters(20, 0.6, 0.7, 0.7, 0.709);

    public MtcnnParameters {
        if (minFaceSize < 1) throw new IllegalArgumentException("minimum face size must be at least 1 pixel");
        checkProbability("P-Net threshold", pnetThreshold);
        checkProbability("R-Net threshold", rnetThreshold);
        checkProbability("O-Net threshold", onetThreshold);
        if (!(scaleFactor > 0 && scaleFactor < 1)) {
            throw new IllegalArgumentException("pyramid factor must be between 0 and 1 (exclusive), got " + scaleFactor);
        }
    }

    private static void checkProbability(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }

    /** A short stable key, used to invalidate cached detections when a parameter changes. */
    public String cacheKey() {
        return "mtcnn-v1:" + minFaceSize + ":" + pnetThreshold + ":" + rnetThreshold + ":" + onetThreshold + ":" + scaleFactor;
    }
}
