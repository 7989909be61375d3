package org.ferworkbench.core.plan;

import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.duplicates.LinkKind;
import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.facenet.FaceExpressions;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.split.GroupBy;
import org.ferworkbench.core.split.SplitName;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identities in the planner, from descriptors alone (what the face recognition net gives; here made up, so the
 * persons are known): every person's images land on one side, images without a face are planned but not grouped, and
 * a reviewer's "not this person" takes an image out of its identity.
 */
class IdentityPlanTest {
    private static final FaceExpressions NEUTRAL = FaceExpressions.of(new float[] {1, 0, 0, 0, 0, 0, 0});

    private static float[] person(Random r) {
        float[] v = new float[FaceDescriptor.LENGTH];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 0.1);    // people about 1.4 apart
        return v;
    }

    private static FaceDescriptor photo(float[] person, Random r) {
        float[] v = person.clone();
        for (int i = 0; i < v.length; i++) v[i] += (float) (r.nextGaussian() * 0.02);  // photos about 0.3 apart
        return new FaceDescriptor(v);
    }

    @Test
    void eachPersonStaysOnOneSideAndAReviewerCanTakeAnImageOut() throws Exception {
        Map<String, Integer> counts = new TreeMap<>(Map.of("anger", 60, "happy", 60, "sad", 60));
        List<Sample> samples = TestData.samples(counts);
        Dataset dataset = new Dataset(Path.of("data"), List.copyOf(counts.keySet()), samples, List.of());
        Random r = new Random(15);
        float[][] people = new float[30][];
        for (int p = 0; p < people.length; p++) people[p] = person(r);
        Map<String, Integer> personOf = new HashMap<>();
        Map<String, SourceFacts> facts = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            SourceFacts f = SourceFacts.readable(s, "h" + i, 48, 48, null);
            if (i % 20 != 7) {   // every 20th image has no face to describe
                int p = r.nextInt(people.length);
                personOf.put(s.relativePath(), p);
                f = f.withAnalysis(new FaceAnalysis(photo(people[p], r), NEUTRAL));
            }
            facts.put(s.relativePath(), f);
        }
        PrepareConfig plain = PrepareConfig.DEFAULTS.withDetectFaces(false);
        PrepareConfig byIdentity = plain.withSplit(plain.split().withGroupBy(GroupBy.IDENTITY));
        ExportPlanner planner = new ExportPlanner();

        ExportPlan before = planner.plan(dataset, facts, Set.of(), plain, EmptyClassPolicy.FAIL);
        ExportPlan after = planner.plan(dataset, facts, Set.of(), byIdentity, EmptyClassPolicy.FAIL);

        assertThat(sidesPerPerson(before, personOf).values()).as("the plain split puts people on both sides")
                .anySatisfy(sides -> assertThat(sides).hasSize(2));
        assertThat(sidesPerPerson(after, personOf).values()).allSatisfy(sides -> assertThat(sides).hasSize(1));
        long peopleWithSeveral = personOf.values().stream().collect(java.util.stream.Collectors.groupingBy(p -> p,
                java.util.stream.Collectors.counting())).values().stream().filter(n -> n > 1).count();
        assertThat(after.groups().stream().filter(g -> g.kinds().contains(LinkKind.IDENTITY))).hasSize((int) peopleWithSeveral);
        assertThat(after.splitOf()).as("images without a face are planned too").hasSameSizeAs(before.splitOf());
        assertThat(after.notes()).contains("9 image(s) without a face to describe: not grouped by identity",
                "identities kept on one side: " + peopleWithSeveral);
        for (ClassPlan c : after.classes()) {
            assertThat(c.testShare()).as(c.name()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.06));
        }

        // "not this person": the image leaves its identity, the rest of the identity stays together
        String out = samples.get(0).relativePath();
        int id = after.groupOf().get(out);
        ExportPlan separated = planner.plan(dataset, facts, Set.of(), GroupDecisions.separated(List.of(Set.of(out))), byIdentity,
                EmptyClassPolicy.FAIL);
        assertThat(separated.groupOf()).doesNotContainKey(out);
        PlannedGroup rest = after.groups().stream().filter(g -> g.id() == id).findFirst().orElseThrow();
        List<String> others = rest.members().stream().filter(m -> !m.equals(out)).toList();
        assertThat(others.stream().map(separated.groupOf()::get).distinct()).hasSize(1);

        // "same person": two identities joined into one group; a separated image is not joined again
        List<PlannedGroup> two = after.groups().stream().filter(g -> g.kinds().contains(LinkKind.IDENTITY)).limit(2).toList();
        Set<String> same = new HashSet<>(two.get(0).members());
        same.addAll(two.get(1).members());
        ExportPlan joined = planner.plan(dataset, facts, Set.of(), new GroupDecisions(List.of(Set.of(out)), List.of(same)),
                byIdentity, EmptyClassPolicy.FAIL);
        assertThat(same.stream().filter(m -> !m.equals(out)).map(joined.groupOf()::get).distinct()).hasSize(1);
        assertThat(same.stream().filter(m -> !m.equals(out)).map(joined.splitOf()::get).distinct()).hasSize(1);
        assertThat(joined.groupOf()).doesNotContainKey(out);
    }

    private static Map<Integer, Set<SplitName>> sidesPerPerson(ExportPlan plan, Map<String, Integer> personOf) {
        Map<Integer, Set<SplitName>> sides = new HashMap<>();
        plan.splitOf().forEach((path, side) -> {
            Integer p = personOf.get(path);
            if (p != null) sides.computeIfAbsent(p, k -> new HashSet<>()).add(side);
        });
        return sides;
    }
}
