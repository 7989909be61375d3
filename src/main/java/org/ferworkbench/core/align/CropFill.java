package org.ferworkbench.core.align;

/**
 * What the aligned crop does where its square reaches past the image. The square (side = the box's longer side, no
 * margin, turned so the eyes are level) often does: a face near an image edge, or a tightly cropped set such as
 * FER2013, whose faces fill the frame.
 *
 * <ul>
 *   <li>EDGE repeats the image's edge pixels into the missing part (OpenCV's BORDER_REPLICATE). Nothing is black,
 *       but the filled part shows streaks: pixels no camera saw, that a classifier may learn from.</li>
 *   <li>BLACK fills the missing part with zeros (OpenCV's default border): no invented texture, plainly not image
 *       content, but a hard black wedge whose shape follows the box and the rotation. The default.</li>
 *   <li>CLIP makes the square smaller, about its centre, until it lies inside the image: every pixel of the crop is
 *       a pixel of the image, the face stays centred and keeps its scale, and less of the face's surroundings
 *       (forehead, chin) is kept. The reference detector's own crop (facenet-pytorch {@code extract_face}) also
 *       keeps only what is inside the image: it cuts its box at the image's edges (and then stretches what is left
 *       to a square; CLIP keeps the square's shape instead).</li>
 * </ul>
 * docs/alignment.md gives the measured share of crops each choice affects and why the default is BLACK (CLIP keeps a
 * median two thirds of the side on the sets measured: it cuts into the face).
 */
public enum CropFill {
    EDGE, BLACK, CLIP
}
