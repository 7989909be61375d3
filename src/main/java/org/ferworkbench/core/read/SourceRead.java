package org.ferworkbench.core.read;

import org.ferworkbench.core.facestage.FaceRequest;
import org.ferworkbench.core.image.RgbImage;

/** What reading one file gave: the source with its hash and pixels, or the reason it cannot be used. */
public record SourceRead(SourceImage source, RgbImage image, UnusableSource failure) {
    /** The decoded source for the face stage (its detections cached by content). */
    public FaceRequest faceRequest() {
        return new FaceRequest(image, source.sha256());
    }
}
