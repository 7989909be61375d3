package org.ferworkbench.ui.support;

import org.ferworkbench.core.align.AlignedFace;
import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.FaceAligner;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.ui.face.FacePreview;
import org.ferworkbench.ui.face.FacePreviewService;

import java.util.ArrayList;
import java.util.List;

/**
 * A face service without MTCNN: the number of faces is read from the image's mean brightness, so the tests control
 * it through the generated pixels: dark images (mean red below 40) have no face, very bright ones (above 215) two.
 * A preview's crop is the real aligner's, with the settings' crop fill.
 */
public final class FakeFaces implements FacePreviewService {
    @Override
    public State state() {
        return State.READY;
    }

    @Override
    public String stateMessage() {
        return "Fake face detector";
    }

    @Override
    public void addStateListener(Runnable listener) { }

    @Override
    public String detectorKey(PrepareConfig config) {
        return "fake-1";
    }

    public static List<FaceDetection> facesOf(RgbImage image) {
        long sum = 0;
        for (int i = 0; i < image.pixels().length; i += 3) sum += image.pixels()[i] & 0xFF;
        double mean = sum / (double) (image.width() * image.height());
        int n = mean < 40 ? 0 : mean > 215 ? 2 : 1;
        List<FaceDetection> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double w = image.width() / 2.0;
            double x = k * w / 2;
            out.add(new FaceDetection(x, 2, x + w, 2 + w, 0.999 - 0.01 * k, List.of(
                    new FaceDetection.Landmark(x + w * 0.3, 2 + w * 0.35), new FaceDetection.Landmark(x + w * 0.7, 2 + w * 0.4),
                    new FaceDetection.Landmark(x + w * 0.5, 2 + w * 0.55), new FaceDetection.Landmark(x + w * 0.35, 2 + w * 0.75),
                    new FaceDetection.Landmark(x + w * 0.65, 2 + w * 0.75))));
        }
        return out;
    }

    @Override
    public List<List<FaceDetection>> detect(List<FaceRequest> images, PrepareConfig config) {
        return images.stream().map(r -> facesOf(r.image())).toList();
    }

    @Override
    public FacePreview preview(FaceRequest image, PrepareConfig config, SplitName split) {
        List<FaceDetection> faces = facesOf(image.image());
        if (faces.size() != 1) return new FacePreview(faces, faces.isEmpty() ? null : faces.get(0), null, 0, true,
                faces.isEmpty() ? "no face" : "several faces (2)", null);
        // the fake detector's face, cut by the real aligner with the settings' crop fill
        AlignedFace a = new FaceAligner(AlignmentMethod.EYES, config.face().cropFill()).align(image.image(), faces.get(0));
        return new FacePreview(faces, faces.get(0), a.image(), a.rotationDegrees(), true, null, a.crop());
    }
}
