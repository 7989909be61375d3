package org.ferworkbench.core.export;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.face.FaceDetection;

/**
 * One row of manifest.csv. Exported samples have an index (their row in the split's arrays); sources that were
 * not exported (unreadable, rejected, no face, ...) have index -1 and say why in status and reason.
 *
 * @param kind       "original", "copy", or "" for a file that never reached rendering
 * @param faceCount  faces found, -1 when detection is off or did not run
 */
public record ManifestEntry(String split, long index, int label, String className, String source, String sha256,
                            String kind, int copy, int attempt, Augmentation augmentation, String status,
                            String reason, int faceCount, FaceDetection face, double alignmentDegrees) {

    public static ManifestEntry notExported(String split, int label, String className, String source, String sha256,
                                            String status, String reason) {
        return new ManifestEntry(split, -1, label, className, source, sha256, "", -1, 0, null, status, reason, -1, null, 0);
    }
}
