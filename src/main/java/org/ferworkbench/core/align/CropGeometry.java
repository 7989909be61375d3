package org.ferworkbench.core.align;

import java.util.List;

/**
 * Where an aligned crop lies in the image it was cut from, and how much of it had to be filled.
 *
 * @param fill            how pixels outside the image were handled
 * @param corners         the crop square's four corners in original-image coordinates (pixel centres at whole
 *                        numbers, so the image spans [-0.5, width - 0.5]): the crop's top-left, top-right,
 *                        bottom-right and bottom-left, in that order (turned with the alignment)
 * @param fullSide        the square's side before clipping, in crop pixels (the box's longer side)
 * @param side            the crop's side in pixels: {@code fullSide}, or less when CLIP shrank the square
 * @param outsideFraction the share of the crop's area that lies outside the image, i.e. filled (0 for CLIP)
 */
public record CropGeometry(CropFill fill, List<Point> corners, int fullSide, int side, double outsideFraction) {
    /** A point in original-image pixels. */
    public record Point(double x, double y) { }

    public CropGeometry {
        corners = List.copyOf(corners);
        if (corners.size() != 4) throw new IllegalArgumentException("a square has 4 corners, got " + corners.size());
    }

    /** Whether CLIP made the square smaller than the box's. */
    public boolean clipped() {
        return side < fullSide;
    }

    /** Whether the full square reached past the image (filled with EDGE or BLACK, shrunk with CLIP). */
    public boolean reachedOutside() {
        return outsideFraction > 0 || clipped();
    }
}
