package org.ferworkbench.core.plan;

import org.ferworkbench.core.analysis.FaceAnalysis;
import org.ferworkbench.core.facenet.FaceDescriptor;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.face.FaceDetection;

import java.util.List;

/**
 * What is known about one source image when an export is planned: whether it could be read (and if not, why), its
 * content hash and size, and the faces found in it ({@code faces} null when detection has not run on it: detection
 * off, or not yet checked). The command line learns this by reading every image; the app by its background check,
 * which may not have reached every image yet ({@link Status#UNCHECKED}). {@code analysis} is what the face-api nets say of the
 * face the image is known by, when identities are grouped or labels checked (null: not analysed, or no face).
 */
public record SourceFacts(Sample sample, Status status, String unreadableReason, String sha256, int width, int height,
                          List<FaceDetection> faces, Fingerprint fingerprint, FaceAnalysis analysis) {
    public enum Status { READABLE, UNREADABLE, UNCHECKED }

    public SourceFacts {
        faces = faces == null ? null : List.copyOf(faces);
    }

    public static SourceFacts readable(Sample sample, String sha256, int width, int height, List<FaceDetection> faces) {
        return readable(sample, sha256, width, height, faces, null);
    }

    /** @param fingerprint what finds its near-duplicates (null: only exact copies of the file are found) */
    public static SourceFacts readable(Sample sample, String sha256, int width, int height, List<FaceDetection> faces,
                                       Fingerprint fingerprint) {
        return new SourceFacts(sample, Status.READABLE, null, sha256, width, height, faces, fingerprint, null);
    }

    public static SourceFacts unreadable(Sample sample, String reason) {
        return new SourceFacts(sample, Status.UNREADABLE, reason, null, 0, 0, null, null, null);
    }

    /** Not read yet: planned as if readable and (with detection on) as if its face were fine. */
    public static SourceFacts unchecked(Sample sample) {
        return new SourceFacts(sample, Status.UNCHECKED, null, null, 0, 0, null, null, null);
    }

    public boolean usable() {
        return status != Status.UNREADABLE;
    }

    SourceFacts withSample(Sample s) {
        return new SourceFacts(s, status, unreadableReason, sha256, width, height, faces, fingerprint, analysis);
    }

    /** The same facts with the analysis of the image's face (null: none). */
    public SourceFacts withAnalysis(FaceAnalysis a) {
        return new SourceFacts(sample, status, unreadableReason, sha256, width, height, faces, fingerprint, a);
    }

    /** The descriptor of the image's face, or null when it was not analysed or has no face. */
    public FaceDescriptor descriptor() {
        return analysis == null ? null : analysis.descriptor();
    }
}
