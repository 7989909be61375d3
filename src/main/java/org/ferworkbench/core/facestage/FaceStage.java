package org.ferworkbench.core.facestage;

import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.split.SplitName;

import java.util.List;

/**
 * The stage between augmentation and resizing: finds, selects and aligns the face of each image. It receives
 * a block of images at once so a detector can batch them, and the pipeline's workers to spread the block over.
 * The pipeline calls one instance from one thread at a time.
 */
public interface FaceStage extends AutoCloseable {

    /** Result i belongs to request i; the work may be spread over the given workers. */
    List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split, Parallel workers);

    /** {@link #locate(List, SplitName, Parallel)} on the calling thread. */
    default List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split) {
        return locate(requests, split, Parallel.inline());
    }

    /**
     * The policy's verdict for each request without aligning anything (used to screen train sources). Detections
     * made here are remembered like those of {@link #locate}, so a later call on the same source reuses them.
     */
    default List<FaceVerdict> screen(List<FaceRequest> requests, SplitName split, Parallel workers) {
        return locate(requests, split, workers).stream().map(FaceVerdict::of).toList();
    }

    /**
     * The faces found in each request, in the detector's order, cached for sources like those of {@link #locate};
     * null for every request when this stage does not detect (whole images). The planner judges them by each split's
     * policy ({@link org.ferworkbench.core.facestage.FaceSelection}), so the plan knows what the face stage will keep.
     */
    default List<List<org.ferworkbench.core.face.FaceDetection>> detectAll(List<FaceRequest> requests, Parallel workers) {
        return java.util.Collections.nCopies(requests.size(), null);
    }

    /** A line for the manifest and summary, e.g. "off" or "mtcnn(min 20, 0.6/0.7/0.7)". */
    String describe();

    @Override
    default void close() { }

    /** Detection off: every image passes whole. */
    FaceStage WHOLE_IMAGE = new FaceStage() {
        @Override
        public List<FaceOutcome> locate(List<FaceRequest> requests, SplitName split, Parallel workers) {
            return requests.stream().map(r -> FaceOutcome.wholeImage(r.image())).toList();
        }

        @Override
        public String describe() {
            return "off (whole image used as the face)";
        }
    };
}
