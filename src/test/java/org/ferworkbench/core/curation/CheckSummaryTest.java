package org.ferworkbench.core.curation;

import org.ferworkbench.core.face.FaceDetection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckSummaryTest {
    static ImageCheck check(String path, List<FaceDetection> faces) {
        return new ImageCheck(path, 10, 0, "00", 40, 40, null, faces == null ? null : "mtcnn", faces, null);
    }

    static final FaceDetection FACE = new FaceDetection(0, 0, 10, 10, 0.99, List.of(new FaceDetection.Landmark(3, 4),
            new FaceDetection.Landmark(7, 4), new FaceDetection.Landmark(5, 6), new FaceDetection.Landmark(4, 8),
            new FaceDetection.Landmark(6, 8)));

    @Test
    void saysWhatWasFoundWithCounts() {
        List<ImageCheck> checks = new ArrayList<>();
        for (int i = 0; i < 1412; i++) checks.add(check("a/" + i, List.of(FACE)));
        for (int i = 0; i < 61; i++) checks.add(check("b/" + i, List.of()));
        for (int i = 0; i < 43; i++) checks.add(check("c/" + i, List.of(FACE, FACE)));
        checks.add(new ImageCheck("d/x", 3, 0, null, 0, 0, "empty file", null, null, null));
        assertThat(CheckSummary.of(checks).describe())
                .isEqualTo("1,517 images checked: 1,412 one face, 61 no face, 43 several, 1 unreadable");
    }

    @Test
    void withoutDetectionItCountsOnlyReadability() {
        assertThat(CheckSummary.of(List.of(check("a", null), check("b", null))).describe()).isEqualTo("2 images checked, all readable");
        assertThat(CheckSummary.of(List.of(check("a", null), new ImageCheck("b", 3, 0, null, 0, 0, "bad", null, null, null)))
                .describe()).isEqualTo("2 images checked: 1 unreadable");
    }
}
