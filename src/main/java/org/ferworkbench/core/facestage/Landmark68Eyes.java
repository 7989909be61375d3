package org.ferworkbench.core.facestage;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.facenet.FaceBox;
import org.ferworkbench.core.facenet.FaceInImage;
import org.ferworkbench.core.facenet.FaceNetModels;
import org.ferworkbench.core.facenet.FaceNets;
import org.ferworkbench.core.facenet.Landmarks68;
import org.ferworkbench.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The study's eyes: the 68-point landmark net on the detector's box, each eye at the mean of its six points (36-41 on
 * the image's left, 42-47 on its right). One set of predictors per thread, as the render workers align in parallel.
 */
public final class Landmark68Eyes implements AutoCloseable {
    private final ThreadLocal<FaceNets> nets;
    private final ConcurrentLinkedQueue<FaceNets> opened = new ConcurrentLinkedQueue<>();

    public Landmark68Eyes(FaceNetModels models) {
        this.nets = ThreadLocal.withInitial(() -> {
            FaceNets n = new FaceNets(models);
            opened.add(n);
            return n;
        });
    }

    /** The 68 landmarks of a detected face, in image coordinates. */
    public Landmarks68 landmarks(RgbImage image, FaceDetection face) {
        return nets.get().landmarks(image, FaceBox.of(face));
    }

    /**
     * The detection with its eye points at the six-point means of the 68-point net. The net runs in its fixed batch
     * ({@link FaceNets#LANDMARK_BATCH}), so the eyes are the same as in {@link #refine(List, List)}.
     */
    public FaceDetection refine(RgbImage image, FaceDetection face) {
        return refine(List.of(image), List.of(face)).get(0);
    }

    /**
     * Each detection with its eyes from the 68-point net, {@link FaceNets#LANDMARK_BATCH} faces a call of the net, on the
     * calling thread. A face's eyes do not depend on the faces refined with it.
     */
    public List<FaceDetection> refine(List<RgbImage> images, List<FaceDetection> faces) {
        List<FaceInImage> in = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) in.add(new FaceInImage(images.get(i), FaceBox.of(faces.get(i))));
        List<Landmarks68> marks = nets.get().landmarks(in);
        List<FaceDetection> refined = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) refined.add(withEyesOf(faces.get(i), marks.get(i)));
        return refined;
    }

    /** The detection with its eye points at the six-point means of {@code marks}. */
    public static FaceDetection withEyesOf(FaceDetection face, Landmarks68 marks) {
        return face.withEyes(landmark(marks.leftEyeCentre()), landmark(marks.rightEyeCentre()));
    }

    private static FaceDetection.Landmark landmark(Landmarks68.Point p) {
        return new FaceDetection.Landmark(p.x(), p.y());
    }

    @Override
    public void close() {
        for (FaceNets n; (n = opened.poll()) != null; ) n.close();
    }
}
