package org.ferworkbench.core.identity;

import org.ferworkbench.core.facenet.FaceDescriptor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityClustersTest {
    private static final Random RANDOM = new Random(15);

    /** A unit vector: dlib-style descriptors of different people lie about 1.0 apart. */
    private static float[] person() {
        float[] v = new float[FaceDescriptor.LENGTH];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) RANDOM.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n / 0.5);    // |v| ~ 0.7: two people ~1.0 apart
        return v;
    }

    /** Another photo of the person: about {@code spread} away. */
    private static FaceDescriptor photo(float[] person, double spread) {
        float[] v = person.clone();
        for (int i = 0; i < v.length; i++) v[i] += (float) (RANDOM.nextGaussian() * spread / Math.sqrt(v.length));
        return new FaceDescriptor(v);
    }

    @Test
    void photosOfOnePersonFormOneIdentityAndStrangersStayApart() {
        List<IdentityClusters.Face> faces = new ArrayList<>();
        Map<String, Integer> truth = new HashMap<>();
        for (int p = 0; p < 40; p++) {
            float[] person = person();
            for (int k = 0; k < 2 + p % 6; k++) {
                String id = String.format("c%d/img_%03d_%d.jpg", k % 3, p, k);    // ids say nothing of the person
                faces.add(new IdentityClusters.Face(id, photo(person, 0.3)));
                truth.put(id, p);
            }
        }
        Collections.shuffle(faces, RANDOM);
        List<IdentityClusters.Identity> found = new IdentityClusters(0.6).cluster(faces);

        assertThat(found).hasSize(40);
        for (IdentityClusters.Identity identity : found) {
            assertThat(identity.members().stream().map(truth::get).distinct()).as("one person in %s", identity.members()).hasSize(1);
        }
        assertThat(found.stream().mapToInt(i -> i.members().size()).sum()).isEqualTo(faces.size());
        List<IdentityClusters.Face> reversed = new ArrayList<>(faces);
        Collections.reverse(reversed);
        assertThat(new IdentityClusters(0.6).cluster(reversed)).as("order does not matter").isEqualTo(found);
    }

    @Test
    void oneChanceLinkBetweenTwoPeopleDoesNotMergeThem() {
        // two tight people, and one blurred photo of the first that lies close to one photo of the second
        float[] a = person(), b = person();
        List<IdentityClusters.Face> faces = new ArrayList<>();
        for (int k = 0; k < 8; k++) faces.add(new IdentityClusters.Face("a" + k, photo(a, 0.2)));
        for (int k = 0; k < 8; k++) faces.add(new IdentityClusters.Face("b" + k, photo(b, 0.2)));
        float[] between = new float[FaceDescriptor.LENGTH];
        for (int i = 0; i < between.length; i++) between[i] = 0.62f * a[i] + 0.38f * b[i];
        faces.add(new IdentityClusters.Face("a-blurred", new FaceDescriptor(between)));
        IdentityClusters clusters = new IdentityClusters(0.6);
        assertThat(clusters.components(faces)).as("a chain merges them into one component").hasSize(1);
        List<IdentityClusters.Identity> identities = clusters.cluster(faces);
        assertThat(identities).hasSize(2);
        assertThat(identities).anySatisfy(i -> assertThat(i.members()).contains("a0", "a7").noneMatch(m -> m.startsWith("b")));
    }

    @Test
    void descriptorsSurviveTheirCacheTextExactly() {
        FaceDescriptor d = photo(person(), 0.3);
        assertThat(FaceDescriptor.decode(d.encode())).isEqualTo(d);
        assertThatThrownBy(() -> FaceDescriptor.decode("AAAA")).hasMessageContaining("512 bytes");
        assertThatThrownBy(() -> new IdentityClusters(0)).hasMessageContaining("identity threshold");
    }

    @Test
    void descriptorsThatDoNotTellPeopleApartStopTheGroupingWithAReason() {
        // 300 faces all within a hair of one another: 44,850 links, far beyond 64 a face (own random numbers: the
        // other tests' draws stay as they were)
        Random r = new Random(64);
        List<IdentityClusters.Face> faces = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            float[] v = new float[FaceDescriptor.LENGTH];
            for (int i = 0; i < v.length; i++) v[i] = (float) (0.5 + r.nextGaussian() * 0.005);
            faces.add(new IdentityClusters.Face("f" + k, new FaceDescriptor(v)));
        }
        assertThatThrownBy(() -> new IdentityClusters(0.6).cluster(faces))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not tell these people apart").hasMessageContaining("lower --identity-threshold");
        // 100 such faces stay within the budget (4,950 links): one identity
        assertThat(new IdentityClusters(0.6).cluster(faces.subList(0, 100))).hasSize(1);
    }
}
