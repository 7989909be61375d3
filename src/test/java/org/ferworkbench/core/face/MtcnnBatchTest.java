package org.ferworkbench.core.face;

import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batched detection (P-Net per level over same-size images, R-Net/O-Net over all crops at a fixed batch size) equals
 * one at a time, to the last bit, whatever images share a batch: a source's cached faces must not depend on which
 * block, shard, run or node detected it.
 */
class MtcnnBatchTest {

    private static final Set<String> PHOTOS = Set.of("amy1.png", "bernadette1.png", "howard1.png", "leonard1.png",
            "penny1.png", "raj1.png", "sheldon1.png", "stuart1.png", "white.png", "angry.jpg", "happy.jpg",
            "bbt3.jpg", "github_link_icon.png", "face_rectangular.png");

    @Test
    void batchEqualsOneAtATimeExactly() throws Exception {
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
                assertThat(batch.get(i)).as("faces in image %d", i).isEqualTo(detector.detect(images.get(i)));
                faces += batch.get(i).size();
            }
            assertThat(faces).as("faces found").isGreaterThanOrEqualTo(12);
        }
    }

    /**
     * 96 same-size photos of muxspace_fer6 (P-Net batches them per level): alone, in batches of 32, and in batches
     * shifted by 5 (other neighbours, other chunk tails) give identical faces. With R-Net/O-Net batches of varying
     * size, 163 of 256 FER2013 faces differed between alone and batches of 32.
     */
    @Test
    void neighboursInABatchDoNotChangeAFaceByABit() throws Exception {
        Path mux = org.ferworkbench.testing.TestData.sharedDataOrSkip("muxspace_fer6");
        List<RgbImage> images = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(mux)) {
            for (Path p : files.filter(java.nio.file.Files::isRegularFile).sorted().limit(96).toList()) {
                images.add(FaceTestSupport.decode(p));
            }
        }
        try (MtcnnDetector detector = new MtcnnDetector(FaceTestSupport.models())) {
            List<List<FaceDetection>> alone = new ArrayList<>();
            for (RgbImage im : images) alone.add(detector.detect(im));
            List<List<FaceDetection>> by32 = new ArrayList<>();
            for (int i = 0; i < images.size(); i += 32) by32.addAll(detector.detectBatch(images.subList(i, i + 32)));
            List<List<FaceDetection>> shifted = new ArrayList<>(detector.detectBatch(images.subList(0, 5)));
            for (int i = 5; i < images.size(); i += 32) {
                shifted.addAll(detector.detectBatch(images.subList(i, Math.min(images.size(), i + 32))));
            }
            assertThat(by32).isEqualTo(alone);
            assertThat(shifted).isEqualTo(alone);
            assertThat(alone.stream().mapToInt(List::size).sum()).as("faces found").isGreaterThan(80);
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
