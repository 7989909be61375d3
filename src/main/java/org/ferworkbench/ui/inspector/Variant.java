package org.ferworkbench.ui.inspector;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.image.RgbImage;

import java.util.Locale;

/** One augmented variant of the inspected image, with the parameters that made it. */
public record Variant(RgbImage image, Augmentation augmentation, int copyIndex) {
    public String caption() {
        Augmentation a = augmentation;
        return String.format(Locale.ROOT, "copy %d · rot %.1f° · bright %.2f%s", copyIndex, a.rotationDegrees(), a.brightness(),
                a.flipped() ? " · flip" : "");
    }
}
