package org.ferworkbench.core.facenet;

/**
 * The whole pixels of an image that face-api cuts out for a face box ({@code extractFaceTensors}): the box clipped at
 * the image borders ({@code Box.clipAtImageBorders}), then x, y, width and height each rounded down. The nets see
 * this region (padded to a square and resized); landmarks are found relative to it.
 */
public record CropRegion(int x, int y, int width, int height) {

    public CropRegion {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("not a crop: " + x + ", " + y + ", " + width + "x" + height);
        }
    }

    /**
     * The region for {@code box} in an image of the given size, computed in doubles as face-api does (so a box that
     * face-api would be given yields the same pixels).
     *
     * @throws IllegalArgumentException when nothing of the box lies inside the image (face-api drops such a face)
     */
    public static CropRegion of(FaceBox box, int imageWidth, int imageHeight) {
        double x = Math.max(box.x(), 0);
        double y = Math.max(box.y(), 0);
        double width = Math.min(box.right() - x, imageWidth - x);
        double height = Math.min(box.bottom() - y, imageHeight - y);
        double fx = Math.floor(x), fy = Math.floor(y), fw = Math.floor(width), fh = Math.floor(height);
        if (fw <= 0 || fh <= 0) {
            throw new IllegalArgumentException("face box " + box + " covers no whole pixel of the " + imageWidth + "x"
                    + imageHeight + " image");
        }
        return new CropRegion((int) fx, (int) fy, (int) fw, (int) fh);
    }
}
