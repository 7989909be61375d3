package org.ferworkbench.core.split;

import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.Sample;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferworkbench.testing.TestData.samples;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StratifiedSplitterTest {
    private final StratifiedSplitter splitter = new StratifiedSplitter();

    @Test
    void testCountIsRoundHalfUpOfTheRatioPerClass() throws Exception {
        // 10 * 0.25 = 2.5 -> 3; 7 * 0.25 = 1.75 -> 2; 3 * 0.25 = 0.75 -> 1; 2 -> 0.5 -> 1 (and 1 train)
        List<Sample> all = samples(Map.of("a", 10, "b", 7, "c", 3, "d", 2));
        DatasetSplit<Sample> s = splitter.split(all, Function.identity(), 1, SplitParameters.DEFAULTS);
        Map<String, Integer> test = count(s.test());
        assertThat(test).containsExactly(Map.entry("a", 3), Map.entry("b", 2), Map.entry("c", 1), Map.entry("d", 1));
        assertThat(s.train()).hasSize(22 - 7);
        Set<Sample> overlap = new HashSet<>(s.train());
        overlap.retainAll(s.test());
        assertThat(overlap).isEmpty();
        assertThat(new HashSet<>(s.train()).size() + new HashSet<>(s.test()).size()).isEqualTo(all.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplitInputOrderIrrelevant() throws Exception {
        List<Sample> all = samples(Map.of("a", 50, "b", 40));
        var s1 = splitter.split(all, Function.identity(), 42, SplitParameters.DEFAULTS);
        List<Sample> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        var s2 = splitter.split(reversed, Function.identity(), 42, SplitParameters.DEFAULTS);
        var s3 = splitter.split(all, Function.identity(), 43, SplitParameters.DEFAULTS);
        assertThat(s2.test()).isEqualTo(s1.test());
        assertThat(s3.test()).isNotEqualTo(s1.test());
    }

    @Test
    void aClassWithOneImageCannotBeSplit() {
        assertThatThrownBy(() -> splitter.split(samples(Map.of("a", 5, "lonely", 1)), Function.identity(), 1, SplitParameters.DEFAULTS))
                .isInstanceOf(DatasetException.class).hasMessageContaining("'lonely'").hasMessageContaining("at least 2");
    }

    @Test
    void groupSplitKeepsEverySubjectOnOneSideAcrossClasses() throws Exception {
        List<Sample> all = new ArrayList<>();
        String[] classes = {"anger", "happy", "surprise"};
        for (int c = 0; c < classes.length; c++) {
            for (int subject = 0; subject < 40; subject++) {
                if ((subject + c) % 4 == 0) continue; // not every subject in every class
                for (int frame = 0; frame < 3; frame++) {
                    String rel = String.format("%s/S%03d_001_%08d.png", classes[c], subject, frame);
                    all.add(new Sample(classes[c], c, rel, Path.of(rel)));
                }
            }
        }
        var s = splitter.split(all, Function.identity(), 7, new SplitParameters(0.25, "^(S\\d+)_"));
        Set<String> trainSubjects = new HashSet<>();
        s.train().forEach(x -> trainSubjects.add(x.fileName().substring(0, 4)));
        s.test().forEach(x -> assertThat(trainSubjects).doesNotContain(x.fileName().substring(0, 4)));
        Map<String, Integer> test = count(s.test());
        Map<String, Integer> total = count(all);
        for (String c : classes) {
            double ratio = (double) test.get(c) / total.get(c);
            assertThat(ratio).as("test share of %s", c).isBetween(0.15, 0.35);
        }
        assertThat(s.notes()).anyMatch(n -> n.contains("subjects"));
    }

    @Test
    void groupPatternMustHaveACaptureGroup() {
        assertThatThrownBy(() -> new SplitParameters(0.25, "^S\\d+_")).hasMessageContaining("capture group");
        assertThatThrownBy(() -> new SplitParameters(0.25, "(")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> new SplitParameters(1.0, null)).hasMessageContaining("between 0 and 1");
    }

    private static Map<String, Integer> count(List<Sample> list) {
        Map<String, Integer> m = new TreeMap<>();
        list.forEach(s -> m.merge(s.className(), 1, Integer::sum));
        return m;
    }
}
