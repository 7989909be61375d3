package org.ferworkbench.core.facenet;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study's eyes come from the 68-point net run in fixed batches: a face's landmarks must be the same to the last bit
 * alone (the app's preview of one image) and in any chunk of an export's block, or the preview would show another face
 * than the export writes, and a shard another row than one machine.
 */
class LandmarkBatchTest {
    private static FaceNetModels models;
    private static FaceNets nets;
    private static final List<FaceInImage> FACES = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        ImageCodec codec = new ImageCodec();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(mux)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        // real photos of several sizes, every 60th, with a box about the middle where these cropped faces are
        for (int i = 0; i < files.size() && FACES.size() < 21; i += 60) {
            RgbImage image = codec.decode(Files.readAllBytes(files.get(i)));
            double w = image.width(), h = image.height();
            FACES.add(new FaceInImage(image, new FaceBox(w * 0.15, h * 0.12, w * 0.7, h * 0.75)));
        }
        models = FaceNetModels.load();
        nets = new FaceNets(models);
    }

    @AfterAll
    static void close() {
        if (nets != null) nets.close();
        if (models != null) models.close();
    }

    @Test
    void aFacesLandmarksAreTheSameAloneAndInAnyChunkBesideAnyNeighbours() {
        assertThat(FACES).hasSize(21);
        assertThat(21 % FaceNets.EYES_BATCH).as("a padded last chunk").isNotZero();
        // 21 faces: full chunks and a padded last one
        List<Landmarks68> together = nets.landmarksInFixedBatches(FACES);
        // the same faces shifted by 7: each lands in another chunk, at another position, beside other faces
        List<FaceInImage> shifted = new ArrayList<>(FACES.subList(7, 21));
        shifted.addAll(FACES.subList(0, 7));
        List<Landmarks68> moved = nets.landmarksInFixedBatches(shifted);
        for (int i = 0; i < FACES.size(); i++) {
            List<Landmarks68.Point> alone = nets.landmarksInFixedBatches(List.of(FACES.get(i))).get(0).points();
            assertThat(together.get(i).points()).as("face %d in a batch of 21", i).isEqualTo(alone);
            assertThat(moved.get((i + 14) % 21).points()).as("face %d shifted", i).isEqualTo(alone);
        }
    }

    @Test
    void fixedBatchesGiveFaceApisLandmarksAsTheChunkedCallDoes() {
        // the padding changes only rounding: the points stay within a hundredth of a pixel of the chunked call's
        List<Landmarks68> chunked = nets.landmarks(FACES);
        List<Landmarks68> fixed = nets.landmarksInFixedBatches(FACES);
        double worst = 0;
        for (int i = 0; i < FACES.size(); i++) {
            for (int k = 0; k < 68; k++) {
                worst = Math.max(worst, Math.abs(chunked.get(i).get(k).x() - fixed.get(i).get(k).x()));
                worst = Math.max(worst, Math.abs(chunked.get(i).get(k).y() - fixed.get(i).get(k).y()));
            }
        }
        assertThat(worst).isLessThan(0.01);
    }
}
