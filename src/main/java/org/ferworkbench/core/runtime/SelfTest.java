package org.ferworkbench.core.runtime;

import org.ferworkbench.core.align.AlignedFace;
import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.settings.FaceOptions;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.OpenCvRuntime;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.runtime.Version;
import org.ferworkbench.core.progress.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The installation check behind {@code fer-workbench --self-test}: loads OpenCV, finds the MTCNN model files, starts
 * the PyTorch engine (unpacking libtorch on a first start), loads the three nets, and runs the detector and the eye
 * aligner on a built-in photo (NASA's public-domain portrait of astronaut Eileen Collins, 256x256; provenance in
 * {@code selftest-astronaut.txt} beside it). The photo holds one frontal face: anything else than exactly one face
 * with probability of at least 0.95, with its box and landmarks where MTCNN puts them, means the numerics are off,
 * and the check fails.
 *
 * <p>Checks run in order; after a failure the rest are skipped. Each finished check is passed to the consumer as it
 * completes (the first start may spend seconds unpacking); progress of the unpacking goes to the listener.
 */
public final class SelfTest {
    static final String IMAGE = "selftest-astronaut.jpg";
    /**
     * Where the face is in the built-in photo, as MTCNN (facenet-pytorch's arithmetic, default parameters) finds it:
     * box centre and longer side, and the five landmarks, in pixels. A working installation reproduces these to a
     * fraction of a pixel; the tolerances only catch gross errors (a wrong native library, broken models).
     */
    static final double FACE_CX = 111.9, FACE_CY = 58.9, FACE_SIDE = 55.8, BOX_TOLERANCE = 6;
    static final double[][] LANDMARKS = {{102.1, 51.3}, {123.6, 51.9}, {113.2, 63.8}, {101.8, 70.8}, {123.0, 71.0}};
    static final double LANDMARK_TOLERANCE = 4;
    static final int OUTPUT_SIZE = 96;

    private SelfTest() { }

    /** One step: passed or not, how long it took, and what it found (or why it failed). */
    public record Check(String name, Status status, double seconds, String detail) {
        public boolean ok() {
            return status == Status.PASS;
        }
    }

    public enum Status { PASS, FAIL, SKIPPED }

    /** All checks, and the versions found on the way. */
    public record Report(List<Check> checks, List<String> versions, double seconds) {
        public boolean passed() {
            return checks.stream().allMatch(Check::ok);
        }

        public Check firstFailure() {
            return checks.stream().filter(c -> c.status() == Status.FAIL).findFirst().orElse(null);
        }
    }

    /** A step's body: returns the detail line, throws with a clear message on failure. */
    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }

    public static Report run(Consumer<Check> onCheck, ProgressListener unpackProgress) {
        List<Check> checks = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        long start = System.nanoTime();
        State s = new State();
        versions.add("FER Workbench " + Version.current());
        versions.add("Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "?") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        try {
            List<Step> steps = List.of(
                    () -> {
                        OpenCvRuntime.ensureLoaded();
                        versions.add("OpenCV " + org.opencv.core.Core.VERSION);
                        return "OpenCV " + org.opencv.core.Core.VERSION + " native library loaded";
                    },
                    () -> {
                        s.modelsDir = MtcnnModels.locateModelsDirectory();
                        StringBuilder b = new StringBuilder(s.modelsDir.toString()).append(" (");
                        for (String n : new String[]{"pnet", "rnet", "onet"}) {
                            b.append(n).append(".pt ").append(kib(Files.size(s.modelsDir.resolve(n + ".pt")))).append(", ");
                        }
                        return b.substring(0, b.length() - 2) + ")";
                    },
                    () -> {
                        EngineWarmup.Result w = EngineWarmup.warmUp(unpackProgress, false);
                        versions.add("PyTorch " + w.pytorchVersion() + " (DJL " + w.djlVersion() + ")");
                        String where = w.nativeDirectory() == null ? "" : " in " + w.nativeDirectory();
                        return "PyTorch " + w.pytorchVersion() + " via DJL " + w.djlVersion() + (w.unpacked()
                                ? String.format(Locale.ROOT, "; first start: unpacked %d MB of libtorch%s in %.1f s",
                                        w.unpackedBytes() >> 20, where, w.unpackSeconds())
                                : "; libtorch cached" + where);
                    },
                    () -> {
                        s.models = MtcnnModels.load(s.modelsDir);
                        return "P-Net, R-Net and O-Net loaded (TorchScript)";
                    },
                    () -> {
                        byte[] bytes;
                        try (InputStream in = SelfTest.class.getResourceAsStream(IMAGE)) {
                            if (in == null) throw new IOException("built-in test image " + IMAGE + " missing from the jar");
                            bytes = in.readAllBytes();
                        }
                        s.image = new ImageCodec().decode(bytes);
                        return String.format(Locale.ROOT, "%s decoded, %dx%d (NASA photo, public domain)", IMAGE,
                                s.image.width(), s.image.height());
                    },
                    () -> {
                        try (MtcnnDetector detector = new MtcnnDetector(s.models)) {
                            long t = System.nanoTime();
                            List<FaceDetection> faces = detector.detect(s.image);
                            double cold = (System.nanoTime() - t) / 1e9;
                            t = System.nanoTime();
                            List<FaceDetection> again = detector.detect(s.image);
                            double warm = (System.nanoTime() - t) / 1e9;
                            if (faces.size() != 1) {
                                throw new IllegalStateException("expected 1 face in the test photo, found " + faces.size());
                            }
                            if (!faces.equals(again)) throw new IllegalStateException("two runs on one image differ");
                            FaceDetection f = faces.get(0);
                            checkFace(f);
                            s.face = f;
                            return String.format(Locale.ROOT,
                                    "1 face, p=%.4f, box [%.0f, %.0f, %.0f, %.0f], 5 landmarks; %.0f ms first run, %.0f ms warm",
                                    f.probability(), f.x1(), f.y1(), f.x2(), f.y2(), cold * 1e3, warm * 1e3);
                        }
                    },
                    () -> {
                        AlignedFace a = new FaceAligner(AlignmentMethod.EYES, FaceOptions.DEFAULT_CROP_FILL).align(s.image, s.face);
                        RgbImage out = new ImageResizer().resize(a.image(), OUTPUT_SIZE, OUTPUT_SIZE);
                        double sd = stddev(out);
                        if (sd < 10) throw new IllegalStateException("aligned face is flat (std dev " + sd + ")");
                        return String.format(Locale.ROOT, "eyes levelled (rotated %.1f deg), %dx%d crop -> %dx%d, std dev %.0f",
                                a.rotationDegrees(), a.image().width(), a.image().height(), out.width(), out.height(), sd);
                    });
            String[] names = {"OpenCV", "MTCNN model files", "PyTorch engine", "MTCNN models", "Test image",
                    "Face detection", "Face alignment"};
            boolean failed = false;
            for (int i = 0; i < steps.size(); i++) {
                Check c;
                if (failed) {
                    c = new Check(names[i], Status.SKIPPED, 0, "skipped after the failure above");
                } else {
                    long t = System.nanoTime();
                    try {
                        String detail = steps.get(i).run();
                        c = new Check(names[i], Status.PASS, (System.nanoTime() - t) / 1e9, detail);
                    } catch (Exception | LinkageError e) {
                        failed = true;
                        c = new Check(names[i], Status.FAIL, (System.nanoTime() - t) / 1e9, message(e));
                    }
                }
                checks.add(c);
                onCheck.accept(c);
            }
        } finally {
            if (s.models != null) s.models.close();
        }
        return new Report(List.copyOf(checks), List.copyOf(versions), (System.nanoTime() - start) / 1e9);
    }

    private static final class State {
        Path modelsDir;
        MtcnnModels models;
        RgbImage image;
        FaceDetection face;
    }

    static void checkFace(FaceDetection f) {
        if (f.probability() < 0.95) {
            throw new IllegalStateException(String.format(Locale.ROOT, "face probability %.3f below 0.95", f.probability()));
        }
        double cx = (f.x1() + f.x2()) / 2, cy = (f.y1() + f.y2()) / 2;
        double side = Math.max(f.x2() - f.x1(), f.y2() - f.y1());
        if (Math.abs(cx - FACE_CX) > BOX_TOLERANCE || Math.abs(cy - FACE_CY) > BOX_TOLERANCE
                || Math.abs(side - FACE_SIDE) > BOX_TOLERANCE) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "face found at centre (%.0f, %.0f), side %.0f; expected about (%.0f, %.0f), side %.0f",
                    cx, cy, side, FACE_CX, FACE_CY, FACE_SIDE));
        }
        String[] names = {"left eye", "right eye", "nose", "left mouth corner", "right mouth corner"};
        for (int i = 0; i < 5; i++) {
            FaceDetection.Landmark l = f.landmarks().get(i);
            if (Math.hypot(l.x() - LANDMARKS[i][0], l.y() - LANDMARKS[i][1]) > LANDMARK_TOLERANCE) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s found at (%.1f, %.1f); expected about (%.1f, %.1f)",
                        names[i], l.x(), l.y(), LANDMARKS[i][0], LANDMARKS[i][1]));
            }
        }
    }

    static double stddev(RgbImage img) {
        byte[] p = img.pixels();
        double sum = 0, sq = 0;
        for (byte b : p) {
            int v = b & 0xff;
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / p.length;
        return Math.sqrt(Math.max(0, sq / p.length - mean * mean));
    }

    private static String kib(long bytes) {
        return (bytes + 512) / 1024 + " KB";
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        if (e instanceof UnsatisfiedLinkError || e instanceof NoClassDefFoundError) {
            m = e.getClass().getSimpleName() + ": " + m;
        }
        return m;
    }
}
