package org.ferworkbench.core.parallel;

import org.ferworkbench.core.progress.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelTest {
    @Test
    void chunksAreConsecutiveFixedByTheSizeAndTheirResultsComeBackInItemOrder() throws Exception {
        List<Integer> items = IntStream.range(0, 11).boxed().toList();
        ExecutorService pool = Parallel.daemonPool("test", 3);
        try {
            for (Parallel p : List.of(Parallel.inline(), new Parallel(pool, 3))) {
                List<List<Integer>> seen = java.util.Collections.synchronizedList(new ArrayList<>());
                List<String> out = p.mapInChunks(items, 4, chunk -> {
                    seen.add(List.copyOf(chunk));
                    return chunk.stream().map(i -> "r" + i).toList();
                }, new Cancellation());
                assertThat(out).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
                assertThat(seen).containsExactlyInAnyOrder(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9, 10));
            }
            assertThat(Parallel.inline().<Integer, Integer>mapInChunks(List.of(), 4, c -> c, new Cancellation())).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
