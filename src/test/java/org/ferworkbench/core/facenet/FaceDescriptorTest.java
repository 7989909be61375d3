package org.ferworkbench.core.facenet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FaceDescriptorTest {

    private static float[] filled(float first, float rest) {
        float[] v = new float[FaceDescriptor.LENGTH];
        java.util.Arrays.fill(v, rest);
        v[0] = first;
        return v;
    }

    @Test
    void distanceIsEuclideanAndDecidesSamePerson() {
        FaceDescriptor a = new FaceDescriptor(filled(0.5f, 0.1f));
        FaceDescriptor b = new FaceDescriptor(filled(0.0f, 0.1f));
        FaceDescriptor c = new FaceDescriptor(filled(-0.2f, 0.1f));
        assertThat(a.distance(b)).isCloseTo(0.5, within(1e-7));
        assertThat(a.distance(c)).isCloseTo(0.7, within(1e-7));
        assertThat(a.samePerson(b)).isTrue();
        assertThat(a.samePerson(c)).isFalse();
    }

    @Test
    void valuesAreCopiedInAndOut() {
        float[] v = filled(1, 2);
        FaceDescriptor d = new FaceDescriptor(v);
        v[0] = 9;
        d.values()[1] = 9;
        assertThat(d.get(0)).isEqualTo(1f);
        assertThat(d.get(1)).isEqualTo(2f);
        assertThat(d).isEqualTo(new FaceDescriptor(filled(1, 2))).hasSameHashCodeAs(new FaceDescriptor(filled(1, 2)));
        assertThat(d).isNotEqualTo(new FaceDescriptor(filled(1, 3)));
    }

    @Test
    void ofReadsOneFaceOfABatch() {
        float[] all = new float[3 * FaceDescriptor.LENGTH];
        for (int i = 0; i < all.length; i++) all[i] = i;
        FaceDescriptor second = FaceDescriptor.of(all, FaceDescriptor.LENGTH);
        assertThat(second.get(0)).isEqualTo(128f);
        assertThat(second.get(127)).isEqualTo(255f);
    }

    @Test
    void onlyTheRightLengthIsADescriptor() {
        assertThatThrownBy(() -> new FaceDescriptor(new float[127])).isInstanceOf(IllegalArgumentException.class);
    }
}
