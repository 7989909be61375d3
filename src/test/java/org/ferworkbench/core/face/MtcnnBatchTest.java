package org.ferworkbench.core.face;

import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Batched detection (P-Net per level over same-size images, R-Net/O-Net over all crops) equals one at a time. */
class MtcnnBatchTest {

    private static final Set<String> PHOTOS = Set.of("amy1.png", "bernadette1.png", "howard1.png", "leonard1.png",
            "penny1.png", "raj1.png", "sheldon1.png", "stuart1.png", "white.png", "angry.jpg", "happy.jpg",
            "bbt3.jpg", "github_link_icon.png", "face_rectangular.png");

    @Test
    void batchEqualsOneAtATime() throws Exception {
        FaceTestSupport.assumeFaces();
        List<RgbImage> images = new ArrayList<>();
        for (Path p : FaceTestSupport.faceImages()) {
            if (PHOTOS.contains(p.getFileName().toString())) images.add(FaceTestSupport.decode(p));
        }
        assertThat(images).hasSize(PHOTOS.size());
        try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
            List<List<FaceDetection>> batch = detector.detectBatch(images);
            assertThat(batch).hasSize(images.size());
            int faces = 0;
            for (int i = 0; i < images.size(); i++) {
                List<FaceDetection> one = detector.detect(images.get(i));
                List<FaceDetection> inBatch = batch.get(i);
                assertThat(inBatch).as("faces in image %d", i).hasSameSizeAs(one);
                for (int k = 0; k < one.size(); k++) {
                    FaceDetection a = one.get(k), b = inBatch.get(k);
                    assertThat(b.x1()).isCloseTo(a.x1(), within(1e-3));
                    assertThat(b.y1()).isCloseTo(a.y1(), within(1e-3));
                    assertThat(b.x2()).isCloseTo(a.x2(), within(1e-3));
                    assertThat(b.y2()).isCloseTo(a.y2(), within(1e-3));
                    assertThat(b.probability()).isCloseTo(a.probability(), within(1e-5));
                    for (int l = 0; l < 5; l++) {
                        assertThat(b.landmarks().get(l).x()).isCloseTo(a.landmarks().get(l).x(), within(1e-3));
                        assertThat(b.landmarks().get(l).y()).isCloseTo(a.landmarks().get(l).y(), within(1e-3));
                    }
                    faces++;
                }
            }
            assertThat(faces).as("faces found").isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void emptyBatchAndImagesTooSmallForThePyramid() throws Exception {
        try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
            assertThat(detector.detectBatch(List.of())).isEmpty();
            RgbImage tiny = new RgbImage(19, 40, new byte[19 * 40 * 3]);   // min side 19 * 0.6 < 12: no scale
            RgbImage gray = new RgbImage(64, 48, new byte[64 * 48 * 3]);
            assertThat(detector.detectBatch(List.of(tiny, gray, tiny))).containsExactly(List.of(), List.of(), List.of());
        }
    }

    @Test
    void facesInAPhotoAreSaneAndOrdered() throws Exception {
        FaceTestSupport.assumeFaces();
        RgbImage img = FaceTestSupport.decode(FaceTestSupport.facesDir().resolve("multiface.jpg"));
        try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
            List<FaceDetection> faces = detector.detect(img);
            assertThat(faces).hasSizeGreaterThanOrEqualTo(5);
            for (int i = 0; i < faces.size(); i++) {
                FaceDetection f = faces.get(i);
                if (i > 0) assertThat(f.area()).isLessThanOrEqualTo(faces.get(i - 1).area());
                assertThat(f.probability()).isGreaterThan(0.7).isLessThanOrEqualTo(1.0);
                // eyes above nose above mouth; left eye left of right eye; all inside the (slightly grown) box
                assertThat(f.leftEye().x()).isLessThan(f.rightEye().x());
                double eyeY = (f.leftEye().y() + f.rightEye().y()) / 2;
                double mouthY = (f.landmarks().get(3).y() + f.landmarks().get(4).y()) / 2;
                assertThat(eyeY).isLessThan(f.landmarks().get(2).y());
                assertThat(f.landmarks().get(2).y()).isLessThan(mouthY);
                assertThat(f.landmarks().get(3).x()).isLessThan(f.landmarks().get(4).x());
                for (FaceDetection.Landmark l : f.landmarks()) {
                    assertThat(l.x()).isBetween(f.x1() - 5, f.x2() + 5);
                    assertThat(l.y()).isBetween(f.y1() - 5, f.y2() + 5);
                }
            }
        }
    }
}
