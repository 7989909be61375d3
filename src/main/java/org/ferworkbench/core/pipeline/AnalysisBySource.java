package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.analysis.SourceAnalyzer;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.plan.SourceFacts;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceRead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * prepare's step that analyses the face of each block of sources while their pixels are decoded (after detection,
 * when it is on), so grouping identities or checking labels costs no second decoding.
 */
final class AnalysisBySource {
    private final SourceAnalyzer analyzer;
    private final Parallel parallel;
    private final Cancellation cancellation;
    private final Map<String, FaceAnalysis> byPath = new HashMap<>();

    AnalysisBySource(SourceAnalyzer analyzer, Parallel parallel, Cancellation cancellation) {
        this.analyzer = analyzer;
        this.parallel = parallel;
        this.cancellation = cancellation;
    }

    /** @param faces the faces found in each source (detection on), or null: each whole image is its face */
    void analyse(List<SourceRead> decoded, Map<SourceImage, List<FaceDetection>> faces) {
        List<SourceAnalyzer.Source> sources = new ArrayList<>(decoded.size());
        for (SourceRead r : decoded) {
            List<FaceDetection> found = faces == null ? null : faces.getOrDefault(r.source(), List.of());
            sources.add(new SourceAnalyzer.Source(r.source().sha256(), r.image(), found));
        }
        List<FaceAnalysis> described = analyzer.analyse(sources, parallel, cancellation);
        for (int i = 0; i < decoded.size(); i++) {
            if (described.get(i) != null) byPath.put(decoded.get(i).source().sample().relativePath(), described.get(i));
        }
    }

    /** Adds each analysed source's analysis to its facts. */
    void addTo(Map<String, SourceFacts> facts) {
        byPath.forEach((path, a) -> facts.computeIfPresent(path, (k, f) -> f.withAnalysis(a)));
    }
}
