package org.ferworkbench.core.curation;

import org.ferworkbench.core.duplicates.Fingerprint;
import org.ferworkbench.core.face.FaceDetection;

import java.util.List;

/**
 * What a background check learned about one image: file size and modification time (to know whether it is still
 * valid), content hash and pixel size, or why it cannot be read; and the faces found, when detection ran
 * ({@code faces} null and {@code detector} null when it did not); the fingerprint that finds its duplicates (null
 * for an unreadable image, or a check cached before fingerprints existed: such a check is read again).
 */
public record ImageCheck(String relativePath, long fileSize, long modifiedMillis, String sha256, int width, int height,
                         String unreadableReason, String detector, List<FaceDetection> faces, Fingerprint fingerprint) {
    public ImageCheck {
        faces = faces == null ? null : List.copyOf(faces);
    }

    public boolean readable() {
        return unreadableReason == null;
    }

    public boolean detected() {
        return faces != null;
    }

    public int faceCount() {
        return faces == null ? -1 : faces.size();
    }

    /** Highest face probability, or NaN when no face was found or detection did not run. */
    public double bestProbability() {
        if (faces == null || faces.isEmpty()) return Double.NaN;
        return faces.stream().mapToDouble(FaceDetection::probability).max().orElse(Double.NaN);
    }

    public ImageCheck withFaces(String detectorKey, List<FaceDetection> found) {
        return new ImageCheck(relativePath, fileSize, modifiedMillis, sha256, width, height, unreadableReason, detectorKey, found,
                fingerprint);
    }
}
