package org.ferworkbench.bench;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.facenet.FaceNetModels;
import org.ferworkbench.core.facestage.Landmark68Eyes;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How far the two ways of finding the eyes disagree, for docs/alignment.md: MTCNN's one point per eye against the
 * study's mean of the six eye points of the 68-point net on the same MTCNN box, on every image's largest face. Not a
 * unit test:
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/classes:target/test-classes:target/libs/*" org.ferworkbench.bench.EyeCentreSurvey ../shared/data/muxspace_fer6
 * </pre>
 * Prints, over the faces: the eye-centre shift in pixels and as a share of the eye distance, the difference in the
 * rotation angle that levels the eyes (degrees), and the change of the eye distance (which sets the aligned scale),
 * each as median, 95th percentile and maximum.
 */
public final class EyeCentreSurvey {
    private EyeCentreSurvey() { }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ImageCodec codec = new ImageCodec();
        double[] margins = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[] {0};
        for (double margin : margins) survey(root, files, codec, margin);
    }

    /** @param margin how much the box the 68-point net sees is grown on each side, as a share of its size */
    private static void survey(Path root, List<Path> files, ImageCodec codec, double margin) throws Exception {
        List<Double> shiftPx = new ArrayList<>(), shiftRel = new ArrayList<>(), angle = new ArrayList<>(), scale = new ArrayList<>();
        int noFace = 0, unreadable = 0;
        try (MtcnnModels mtcnn = MtcnnModels.load(); MtcnnDetector detector = new MtcnnDetector(mtcnn);
             FaceNetModels nets = FaceNetModels.load(); Landmark68Eyes eyes68 = new Landmark68Eyes(nets)) {
            for (Path f : files) {
                RgbImage image;
                try {
                    image = codec.decode(Files.readAllBytes(f));
                } catch (ImageDecodeException e) {
                    unreadable++;
                    continue;
                }
                List<FaceDetection> faces = detector.detect(image);
                if (faces.isEmpty()) {
                    noFace++;
                    continue;
                }
                FaceDetection face = Collections.max(faces, Comparator.comparingDouble(FaceDetection::area));
                double mw = (face.x2() - face.x1()) * margin, mh = (face.y2() - face.y1()) * margin;
                FaceDetection grown = new FaceDetection(face.x1() - mw, face.y1() - mh, face.x2() + mw, face.y2() + mh,
                        face.probability(), face.landmarks());
                FaceDetection six = Landmark68Eyes.withEyesOf(face, eyes68.landmarks(image, grown));
                double eyeDistance = distance(face.leftEye(), face.rightEye());
                for (int e = 0; e < 2; e++) {
                    FaceDetection.Landmark a = face.landmarks().get(e), b = six.landmarks().get(e);
                    shiftPx.add(distance(a, b));
                    shiftRel.add(distance(a, b) / eyeDistance);
                }
                angle.add(Math.abs(Math.toDegrees(angleOf(face) - angleOf(six))));
                scale.add(Math.abs(distance(six.leftEye(), six.rightEye()) / eyeDistance - 1));
            }
        }
        System.out.printf(Locale.ROOT, "%s, 68-point net on the MTCNN box grown by %.0f%% per side: %d faces (%d images without a face, %d unreadable)%n",
                root, 100 * margin, angle.size(), noFace, unreadable);
        print("eye-centre shift (px)", shiftPx, 1);
        print("eye-centre shift (% of eye distance)", shiftRel, 100);
        print("rotation angle difference (degrees)", angle, 1);
        print("eye distance change (%)", scale, 100);
    }

    private static double angleOf(FaceDetection d) {
        return Math.atan2(d.rightEye().y() - d.leftEye().y(), d.rightEye().x() - d.leftEye().x());
    }

    private static double distance(FaceDetection.Landmark a, FaceDetection.Landmark b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    private static void print(String what, List<Double> values, double factor) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        System.out.printf(Locale.ROOT, "  %-38s median %6.2f  p95 %6.2f  max %6.2f%n", what, factor * q(v, 0.5),
                factor * q(v, 0.95), factor * v.get(v.size() - 1));
    }

    private static double q(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1))));
    }
}
