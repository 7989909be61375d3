package org.ferworkbench.core.storage;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A detection cache on shared storage (--detection-cache), written by several processes at the same time, as the nodes
 * of a cluster do: every entry of every writer is read back exactly, by a later shared or private cache of the folder,
 * and a line a writer was still writing (or that a crash tore) is skipped, not misread.
 */
class SharedCacheTest {
    @TempDir
    Path tmp;

    static final int PER_WRITER = 600;

    /** A child process: puts PER_WRITER detections named "w{id}-{i}" into the shared cache, in batches of 7. */
    public static void main(String[] args) {
        DetectionCache cache = DetectionCache.shared(Path.of(args[0]));
        String id = args[1];
        Map<String, List<FaceDetection>> batch = new LinkedHashMap<>();
        for (int i = 0; i < PER_WRITER; i++) {
            batch.put(sha(id, i), List.of(face(id.hashCode(), i)));
            if (batch.size() == 7 || i == PER_WRITER - 1) {
                cache.putAll(MtcnnParameters.DEFAULTS, batch);
                batch.clear();
            }
        }
    }

    static String sha(String writer, int i) {
        return Hashes.sha256(writer + "-" + i);
    }

    static FaceDetection face(int writer, int i) {
        List<FaceDetection.Landmark> marks = new ArrayList<>();
        for (int k = 0; k < 5; k++) marks.add(new FaceDetection.Landmark(i + k / 3.0, writer % 97 + k * Math.PI));
        return new FaceDetection(i * 0.1, i / 7.0, i + 10.25, i + 20.5, 1 - 1.0 / (i + 3), marks);
    }

    @Test
    void processesWritingAtOnceEachGetAFileAndEveryEntryIsReadBackExactly() throws Exception {
        Path dir = tmp.resolve("cache");
        List<String> writers = List.of("a", "b", "c");
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<ChildJvm.Result>> runs = new ArrayList<>();
            for (String w : writers) {
                runs.add(pool.submit(() -> ChildJvm.run(Map.of(), SharedCacheTest.class, dir.toString(), w)));
            }
            for (Future<ChildJvm.Result> r : runs) assertThat(r.get().code()).as(r.get().describe()).isZero();
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("a file per writer").hasSize(3).allMatch(n -> n.matches("mtcnn-[0-9a-f]{12}\\.[0-9]+-[0-9a-f]+\\.jsonl"));
        }
        // a node that died while writing: half a line at the end of one part
        try (Stream<Path> files = Files.list(dir)) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"sha256\":\"" + sha("torn", 0) + "\",\"params\":\"x",
                    StandardOpenOption.APPEND);
        }
        for (DetectionCache later : List.of(DetectionCache.shared(dir), new DetectionCache(dir))) {
            assertThat(later.size(MtcnnParameters.DEFAULTS)).isEqualTo(3 * PER_WRITER);
            for (String w : writers) {
                for (int i = 0; i < PER_WRITER; i++) {
                    assertThat(later.get(sha(w, i), MtcnnParameters.DEFAULTS)).contains(List.of(face(w.hashCode(), i)));
                }
            }
            assertThat(later.get(sha("torn", 0), MtcnnParameters.DEFAULTS)).isEmpty();
        }
    }
}
