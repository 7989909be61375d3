package org.ferworkbench.core.split;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GroupBalancerTest {
    /** Classes a (200 images) and b (20): target test counts 50 and 5. */
    private final GroupBalancer balancer = new GroupBalancer(new int[] {200, 20}, new int[] {50, 5});

    @Test
    void aSmallClassLeftFarFromItsRatioIsBroughtBackWithoutMovingTheLargeOne() {
        // the greedy pass took a group holding 4 images of b and 10 of a, then singles of a, and b ended at 9 of 20
        Map<String, int[]> units = new LinkedHashMap<>();
        units.put("g1", new int[] {10, 4});
        units.put("g2", new int[] {0, 5});
        for (int i = 0; i < 190; i++) units.put("a" + i, new int[] {1, 0});   // 40 of them in test
        for (int i = 0; i < 11; i++) units.put("b" + i, new int[] {0, 1});
        Set<String> test = new HashSet<>(List.of("g1", "g2"));
        for (int i = 0; i < 40; i++) test.add("a" + i);
        int[] counts = {50, 9};
        assertThat(balancer.outOfTolerance(counts)).containsExactly(1);

        int moves = balancer.balance(List.copyOf(units.keySet()), units, test, counts);

        assertThat(moves).isPositive();
        assertThat(balancer.outOfTolerance(counts)).isEmpty();
        assertThat(counts[1]).isBetween(4, 6);
        assertThat(Math.abs(counts[0] - 50)).isLessThanOrEqualTo(GroupBalancer.tolerance(200));
        // the counts match the units now on the test side
        int[] recount = new int[2];
        for (String u : test) for (int c = 0; c < 2; c++) recount[c] += units.get(u)[c];
        assertThat(recount).containsExactly(counts);
    }

    @Test
    void aSplitWithinToleranceIsLeftExactlyAsItIs() {
        Map<String, int[]> units = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) units.put("a" + i, new int[] {1, 0});
        for (int i = 0; i < 20; i++) units.put("b" + i, new int[] {0, 1});
        Set<String> test = new HashSet<>();
        for (int i = 0; i < 52; i++) test.add("a" + i);     // 2 over 50: within max(1, 4)
        for (int i = 0; i < 6; i++) test.add("b" + i);      // 1 over 5: within 1
        Set<String> before = Set.copyOf(test);
        int[] counts = {52, 6};
        assertThat(balancer.balance(List.copyOf(units.keySet()), units, test, counts)).isZero();
        assertThat(test).isEqualTo(before);
    }

    @Test
    void aGroupTooLargeToMoveStaysAndIsReported() {
        // b's 20 images are one group: on either side b has no train or no test images, so it cannot move at all
        Map<String, int[]> units = new LinkedHashMap<>();
        units.put("b", new int[] {0, 20});
        units.put("mixed", new int[] {30, 0});
        int[] counts = {30, 20};
        Set<String> test = new HashSet<>(List.of("b", "mixed"));
        balancer.balance(List.copyOf(units.keySet()), units, test, counts);
        assertThat(test).contains("b");
        assertThat(balancer.outOfTolerance(counts)).contains(1);
    }
}
