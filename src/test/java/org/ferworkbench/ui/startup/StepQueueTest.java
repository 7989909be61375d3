package org.ferworkbench.ui.startup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepQueueTest {
    @Test
    void stepsAddedByAStepRunNextInTheirOrder() {
        List<String> ran = new ArrayList<>();
        StepQueue q = new StepQueue();
        q.add(() -> {
            ran.add("form");
            q.addNext(List.of(() -> ran.add("row 1"), () -> ran.add("row 2")));
        });
        q.add(() -> ran.add("export"));

        assertThat(q.runNext()).isTrue();
        assertThat(ran).containsExactly("form");
        q.runAll();
        assertThat(ran).containsExactly("form", "row 1", "row 2", "export");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.runNext()).isFalse();
    }
}
