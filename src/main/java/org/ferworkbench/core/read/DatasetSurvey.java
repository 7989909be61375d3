package org.ferworkbench.core.read;

import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Scans a dataset and (optionally) decodes every image, to count what is usable per class. */
public final class DatasetSurvey {
    private final DatasetScanner scanner;
    private final SourceInspector inspector;

    public DatasetSurvey(DatasetScanner scanner, SourceInspector inspector) {
        this.scanner = scanner;
        this.inspector = inspector;
    }

    /** The scan, and the decode results (null when decode was not asked for). */
    public record Survey(Dataset dataset, SourceInspector.Inspection inspection) {
        public Map<String, Integer> readableByClass() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            dataset.classNames().forEach(c -> counts.put(c, 0));
            if (inspection == null) return dataset.countsByClass();
            inspection.usable().forEach(s -> counts.merge(s.sample().className(), 1, Integer::sum));
            return counts;
        }

        public List<UnusableSource> unreadable() {
            return inspection == null ? List.of() : inspection.unusable();
        }
    }

    public Survey survey(Path root, boolean decode, int threads, ProgressListener listener, Cancellation cancellation)
            throws DatasetException {
        Dataset dataset = scanner.scan(root);
        if (!decode) return new Survey(dataset, null);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return new Survey(dataset, inspector.inspect(dataset.samples(), new Parallel(pool, threads), listener, cancellation));
        } finally {
            pool.shutdownNow();
        }
    }
}
