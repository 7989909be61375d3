package org.ferworkbench.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * prepare's step of a {@link DetectingReader}: detects the faces of each block of sources while they are read and
 * keeps the train policy's verdict for each, so screening the train sources needs no second decoding; the
 * detections are cached by the face stage, so test images and re-exports reuse them.
 */
final class SourceScreener implements DetectingReader.BlockStep<FaceStage> {
    private final Parallel parallel;
    private final Map<SourceImage, FaceVerdict> verdicts = new HashMap<>();

    SourceScreener(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void detect(FaceStage stage, List<SourceInspector.LoadedSource> decoded) {
        List<FaceRequest> requests = new ArrayList<>(decoded.size());
        for (SourceInspector.LoadedSource l : decoded) requests.add(l.faceRequest());
        List<FaceVerdict> found = stage.screen(requests, SplitName.TRAIN, parallel);
        for (int i = 0; i < decoded.size(); i++) verdicts.put(decoded.get(i).source(), found.get(i));
    }

    /** The verdict of each usable source read so far (all of them once the reading has ended). */
    Map<SourceImage, FaceVerdict> verdicts() {
        return verdicts;
    }
}
