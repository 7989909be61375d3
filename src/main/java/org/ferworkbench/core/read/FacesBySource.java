package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.facestage.FaceStage;
import org.ferworkbench.core.parallel.Parallel;

import org.ferworkbench.core.face.FaceDetection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * prepare's step of a {@link DetectingReader}: detects the faces of each block of sources while they are read and
 * keeps the faces found in each (the planner judges them by each split's policy), so planning needs no second
 * decoding; the detections are cached by the face stage, so rendering and re-exports reuse them.
 */
public final class FacesBySource implements DetectingReader.BlockStep<FaceStage> {
    private final Parallel parallel;
    /** Faces per source (null values when the stage does not detect). */
    private final Map<SourceImage, List<FaceDetection>> faces = new HashMap<>();

    public FacesBySource(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void detect(FaceStage stage, List<SourceRead> decoded) {
        List<FaceRequest> requests = new ArrayList<>(decoded.size());
        for (SourceRead l : decoded) requests.add(l.faceRequest());
        List<List<FaceDetection>> found = stage.detectAll(requests, parallel);
        for (int i = 0; i < decoded.size(); i++) faces.put(decoded.get(i).source(), found.get(i));
    }

    /** The faces found in each usable source read so far (all of them once the reading has ended). */
    public Map<SourceImage, List<FaceDetection>> faces() {
        return faces;
    }
}
