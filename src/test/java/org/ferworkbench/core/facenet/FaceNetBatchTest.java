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
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every face-api net runs in calls of a fixed size, so a face's numbers are the same to the last bit alone and in any
 * call beside any neighbours. The study's eyes come from the landmarks: otherwise the app's preview of one image would
 * show another face than the export writes, and a shard another row than one machine. Identities come from the
 * descriptors and the label check from the expressions: otherwise a run would group faces differently depending on
 * which faces an earlier run had left in the cache, or which block of the read step a face fell into.
 */
class FaceNetBatchTest {
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
    void aFacesLandmarksAreTheSameAloneAndInAnyCallBesideAnyNeighbours() {
        assertThat(21 % FaceNets.LANDMARK_BATCH).as("a padded last call").isNotZero();
        sameAloneAndInAnyCall(nets::landmarks, Landmarks68::points);
    }

    @Test
    void aFacesDescriptorIsTheSameAloneAndInAnyCallBesideAnyNeighbours() {
        assertThat(21 % FaceNets.RECOGNITION_BATCH).as("a padded last call").isNotZero();
        sameAloneAndInAnyCall(nets::descriptors, d -> d);
    }

    @Test
    void aFacesExpressionsAreTheSameAloneAndInAnyCallBesideAnyNeighbours() {
        assertThat(21 % FaceNets.EXPRESSION_BATCH).as("a padded last call").isNotZero();
        sameAloneAndInAnyCall(nets::expressions, e -> e);
    }

    /** 21 faces in one list (full calls and a padded last one), shifted by 7 (each in another call and place), alone. */
    private static <T> void sameAloneAndInAnyCall(Function<List<FaceInImage>, List<T>> net, Function<T, Object> bits) {
        assertThat(FACES).hasSize(21);
        List<T> together = net.apply(FACES);
        List<FaceInImage> shifted = new ArrayList<>(FACES.subList(7, 21));
        shifted.addAll(FACES.subList(0, 7));
        List<T> moved = net.apply(shifted);
        for (int i = 0; i < FACES.size(); i++) {
            Object alone = bits.apply(net.apply(List.of(FACES.get(i))).get(0));
            // equals compares the floats' bits (Arrays.equals, records of floats, Double.equals)
            assertThat(bits.apply(together.get(i))).as("face %d in a list of 21", i).isEqualTo(alone);
            assertThat(bits.apply(moved.get((i + 14) % 21))).as("face %d shifted", i).isEqualTo(alone);
        }
    }
}
