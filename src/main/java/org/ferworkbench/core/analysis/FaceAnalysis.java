package org.ferworkbench.core.analysis;

import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.facenet.FaceExpressions;

import java.util.Objects;

/**
 * What the face-api nets say about the face a source image is known by: its descriptor (who it is, for identity
 * groups) and its expression probabilities (a second opinion on its label). Both come from one pass over the face,
 * cached together ({@link FaceAnalysisCache}).
 */
public record FaceAnalysis(FaceDescriptor descriptor, FaceExpressions expressions) {
    public FaceAnalysis {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(expressions, "expressions");
    }
}
