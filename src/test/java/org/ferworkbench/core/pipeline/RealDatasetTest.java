package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.report.PrepareReport;
import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.split.SplitParameters;
import org.ferworkbench.testing.NpyFile;
import org.ferworkbench.testing.Python;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end on the real photo sets in ../shared/data (skipped where they are absent). */
class RealDatasetTest {
    @TempDir
    Path tmp;
    final PreparePipeline pipeline = PreparePipeline.withoutDetection();

    PrepareReport prepare(Path dataset, PrepareConfig config, Path out, int threads) throws Exception {
        return pipeline.run(new PrepareRequest(dataset, out, false, config, threads, Set.of()), ProgressListener.NONE, new Cancellation());
    }

    @Test
    void muxspaceIsSplitBalancedAndReadBackByNumpy() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        Path out = tmp.resolve("mux");
        PrepareReport r = prepare(mux, PrepareConfig.DEFAULTS.withDetectFaces(false), out, 2);

        // per-class counts from SOURCES.md: anger 252, disgust 208, fear 21, happiness 400, sadness 267, surprise 367
        Map<String, Integer> found = new HashMap<>();
        r.classes().forEach(c -> found.put(c.className, c.found));
        assertThat(found).containsEntry("anger", 252).containsEntry("disgust", 208).containsEntry("fear", 21)
                .containsEntry("happiness", 400).containsEntry("sadness", 267).containsEntry("surprise", 367);
        assertThat(r.classes()).allSatisfy(c -> assertThat(c.unreadable).isZero()); // incl. the WebP named .jpg
        // test = round(0.25 n): 63, 52, 5, 100, 67, 92
        assertThat(r.classes()).extracting(c -> c.exportedTest).containsExactly(63, 52, 5, 100, 67, 92);
        // balanced to the majority train class (happiness 300)
        assertThat(r.classes()).extracting(c -> c.exportedTrain).containsOnly(300);
        assertThat(NpyFile.read(out.resolve("y_train.npy")).labelCounts()).containsOnly(300);

        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest).anyMatch(l -> l.contains("anger/facial-expressions_2868588k.jpg") && l.contains(",ok,"));
        Set<String> train = new HashSet<>();
        Set<String> test = new HashSet<>();
        manifest.stream().skip(1).map(l -> l.split(",", -1)).forEach(f -> (f[0].equals("train") ? train : test).add(f[5]));
        train.retainAll(test);
        assertThat(train).as("sources (by sha256) in both splits").isEmpty();

        Python.assumeNumpy();
        String report = Python.run("""
                import numpy as np, json, sys
                d = sys.argv[1]
                out = {}
                for s in ('train', 'test'):
                    x = np.load(d + '/x_' + s + '.npy', allow_pickle=False)
                    y = np.load(d + '/y_' + s + '.npy', allow_pickle=False)
                    out[s] = [list(x.shape), str(x.dtype), float(x.min()), float(x.max()), x.flags['C_CONTIGUOUS'],
                              list(y.shape), str(y.dtype), np.bincount(y).tolist()]
                print(json.dumps(out))
                """, out.toString());
        assertThat(report).contains("\"train\": [[1800, 96, 96, 3], \"float32\", 0.0, 1.0, true, [1800], \"int64\", [300, 300, 300, 300, 300, 300]]");
        assertThat(report).contains("\"test\": [[379, 96, 96, 3], \"float32\"");
        assertThat(report).contains("[63, 52, 5, 100, 67, 92]");
    }

    @Test
    void muxspaceArraysDoNotDependOnTheThreadCount() throws Exception {
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(48);
        prepare(mux, config, tmp.resolve("t1"), 1);
        prepare(mux, config, tmp.resolve("t2"), 2);
        for (String f : List.of("x_train.npy", "y_train.npy", "x_test.npy", "manifest.csv")) {
            assertThat(Files.mismatch(tmp.resolve("t1").resolve(f), tmp.resolve("t2").resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void originalsRenderedFromTheReadStepGiveTheSameExportAsDecodedAgain() throws Exception {
        // real photos of many sizes and formats (a WebP among them), resized down and up to 48x48
        Path mux = TestData.sharedDataOrSkip("muxspace_fer6");
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(48);
        PrepareRequest none = new PrepareRequest(mux, tmp.resolve("none"), false, config, 2, Set.of());
        PrepareReport decodedAgain = pipeline.withOriginalRowsBudget(0).run(none, ProgressListener.NONE, new Cancellation());
        PrepareReport some = pipeline.withOriginalRowsBudget(500L * 48 * 48 * 3).run(
                new PrepareRequest(mux, tmp.resolve("some"), false, config, 2, Set.of()), ProgressListener.NONE, new Cancellation());
        PrepareReport all = prepare(mux, config, tmp.resolve("all"), 2);

        int originals = decodedAgain.exportedTest() + (int) decodedAgain.plan().jobs().stream()
                .filter(j -> !j.isCopy() && j.split() == org.ferworkbench.core.split.SplitName.TRAIN).count();
        assertThat(decodedAgain.originalsFromRead()).isZero();
        // a budget of 500 rows keeps the first 500 sources read, of which the plan renders most as originals
        assertThat(some.originalsFromRead()).isBetween(1, 500);
        assertThat(all.originalsFromRead()).isEqualTo(originals);
        try (var files = Files.list(tmp.resolve("none"))) {
            for (Path f : files.toList()) {
                Path name = f.getFileName();
                assertThat(Files.mismatch(f, tmp.resolve("some").resolve(name))).as("some: " + name).isEqualTo(-1L);
                assertThat(Files.mismatch(f, tmp.resolve("all").resolve(name))).as("all: " + name).isEqualTo(-1L);
            }
        }
    }

    @Test
    void ckplusGroupSplitKeepsEachSubjectOnOneSide() throws Exception {
        Path ck = TestData.sharedDataOrSkip("ckplus48");
        Path out = tmp.resolve("ck");
        PrepareConfig config = PrepareConfig.DEFAULTS.withDetectFaces(false).withOutputSize(48)
                .withSplit(new SplitParameters(0.25, "^(S\\d+)_"));
        PrepareReport r = prepare(ck, config, out, 2);
        assertThat(r.classes()).hasSize(7);
        assertThat(r.classes().stream().mapToInt(c -> c.found).sum()).isEqualTo(981);
        Pattern subject = Pattern.compile("/(S\\d+)_");
        Set<String> trainSubjects = new HashSet<>();
        Set<String> testSubjects = new HashSet<>();
        Files.readAllLines(out.resolve("manifest.csv")).stream().skip(1).forEach(l -> {
            Matcher m = subject.matcher(l);
            if (!m.find()) return;
            if (l.startsWith("train,")) trainSubjects.add(m.group(1));
            if (l.startsWith("test,")) testSubjects.add(m.group(1));
        });
        assertThat(trainSubjects).hasSizeGreaterThan(50);
        assertThat(testSubjects).hasSizeGreaterThan(10).doesNotContainAnyElementsOf(trainSubjects);
        int test = r.exportedTest();
        assertThat((double) test / 981).isBetween(0.2, 0.3);
        assertThat(r.notes()).anyMatch(n -> n.contains("subjects"));
    }
}
