package org.ferworkbench.ui.common;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.ferworkbench.core.image.RgbImage;

import java.nio.ByteBuffer;

/** Turns decoded pixels into JavaFX images (may be called off the JavaFX thread: the image is not shown yet). */
public final class FxImages {
    private FxImages() { }

    public static WritableImage toImage(RgbImage image) {
        WritableImage out = new WritableImage(image.width(), image.height());
        out.getPixelWriter().setPixels(0, 0, image.width(), image.height(), PixelFormat.getByteRgbInstance(),
                ByteBuffer.wrap(image.pixels()), image.width() * 3);
        return out;
    }
}
