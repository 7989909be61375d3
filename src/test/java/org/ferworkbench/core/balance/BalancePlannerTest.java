package org.ferworkbench.core.balance;

import org.ferworkbench.core.dataset.Sample;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferworkbench.testing.TestData.samples;

class BalancePlannerTest {
    private final BalancePlanner planner = new BalancePlanner();

    @Test
    void majorityBringsEveryClassToTheLargestWithCopiesSpreadEvenly() {
        List<Sample> train = samples(Map.of("a", 10, "b", 3, "c", 7));
        BalancePlan<Sample> plan = planner.plan(train, Function.identity(), 42, BalanceTarget.MAJORITY);
        assertThat(plan.target()).isEqualTo(10);
        assertThat(plan.classes()).extracting(ClassBalance::total).containsExactly(10, 10, 10);
        assertThat(plan.classes()).extracting(ClassBalance::copies).containsExactly(0, 7, 3);
        Map<Sample, Integer> copiesPerSource = new HashMap<>();
        plan.images().stream().filter(PlannedImage::isCopy).filter(p -> p.source().className().equals("b"))
                .forEach(p -> copiesPerSource.merge(p.source(), 1, Integer::sum));
        // 7 copies over 3 sources: 3, 2, 2
        assertThat(copiesPerSource.values()).containsExactlyInAnyOrder(3, 2, 2);
        // copy indices of one source are 0, 1, 2 ...: each copy distinct
        plan.images().stream().filter(PlannedImage::isCopy).forEach(p -> assertThat(p.copyIndex()).isBetween(0, 2));
        assertThat(plan.images().stream().filter(p -> !p.isCopy()).count()).isEqualTo(20);
    }

    @Test
    void fixedTargetSubsamplesLargeClassesAndFillsSmallOnes() {
        List<Sample> train = samples(Map.of("a", 10, "b", 3));
        BalancePlan<Sample> plan = planner.plan(train, Function.identity(), 1, BalanceTarget.fixed(5));
        assertThat(plan.classes()).extracting(ClassBalance::originalsKept).containsExactly(5, 3);
        assertThat(plan.classes()).extracting(ClassBalance::copies).containsExactly(0, 2);
        BalancePlan<Sample> again = planner.plan(train, Function.identity(), 1, BalanceTarget.fixed(5));
        assertThat(again.images()).isEqualTo(plan.images());
    }

    @Test
    void noneLeavesTheTrainSplitAsItIs() {
        List<Sample> train = samples(Map.of("a", 10, "b", 3));
        BalancePlan<Sample> plan = planner.plan(train, Function.identity(), 1, BalanceTarget.NONE);
        assertThat(plan.images()).hasSize(13).noneMatch(PlannedImage::isCopy);
    }

    @Test
    void targetParsesTheCommandLineWords() {
        assertThat(BalanceTarget.parse("majority")).isEqualTo(BalanceTarget.MAJORITY);
        assertThat(BalanceTarget.parse("NONE")).isEqualTo(BalanceTarget.NONE);
        assertThat(BalanceTarget.parse("500")).isEqualTo(BalanceTarget.fixed(500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BalanceTarget.parse("lots"))
                .hasMessageContaining("'majority', 'none' or a number");
    }
}
