package org.ferworkbench.core.random;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeededRandomTest {
    @Test
    void matchesPublishedSplitMix64Sequence() {
        // reference values of SplitMix64 for seed 0 (Vigna's splitmix64.c)
        SeededRandom r = new SeededRandom(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void derivedSeedsDependOnEveryPartOfTheKey() {
        long a = SeededRandom.deriveSeed(42, "augment", "anger/a.jpg", 0, 0);
        assertThat(SeededRandom.deriveSeed(42, "augment", "anger/a.jpg", 0, 0)).isEqualTo(a);
        assertThat(SeededRandom.deriveSeed(43, "augment", "anger/a.jpg", 0, 0)).isNotEqualTo(a);
        assertThat(SeededRandom.deriveSeed(42, "augment", "anger/a.jpg", 1, 0)).isNotEqualTo(a);
        assertThat(SeededRandom.deriveSeed(42, "augment", "anger/a.jpg", 0, 1)).isNotEqualTo(a);
        assertThat(SeededRandom.deriveSeed(42, "split", "anger/a.jpg", 0, 0)).isNotEqualTo(a);
    }

    @Test
    void uniformStaysInRangeAndCoversIt() {
        SeededRandom r = new SeededRandom(7);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int i = 0; i < 10_000; i++) {
            double v = r.uniform(0.2, 1.0);
            assertThat(v).isBetween(0.2, 1.0);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isLessThan(0.21);
        assertThat(max).isGreaterThan(0.99);
    }

    @Test
    void nextIntIsUnbiasedEnough() {
        SeededRandom r = new SeededRandom(3);
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[r.nextInt(6)]++;
        for (int c : counts) assertThat(c).isBetween(9_500, 10_500);
    }

    @Test
    void shuffleIsAPermutationAndRepeatable() {
        List<Integer> a = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        List<Integer> b = new ArrayList<>(a);
        new SeededRandom(5).shuffle(a);
        new SeededRandom(5).shuffle(b);
        assertThat(a).isEqualTo(b).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(a).isNotEqualTo(IntStream.range(0, 100).boxed().toList());
    }
}
