package org.ferworkbench.ui.inspector;

/**
 * Zoom and pan of the inspector's original, as numbers: content point c shows at frame point t + z c. The zoom stays
 * within [1, MAX] and the content always covers the frame (no panning into empty space); at zoom 1 it is the fitted
 * picture. Zooming keeps the point under the cursor (or the frame's centre) where it is.
 *
 * @param zoom content scale (1 = fitted)
 * @param tx   horizontal offset of the content in the frame (frame pixels, at most 0)
 * @param ty   vertical offset
 */
public record PictureZoom(double zoom, double tx, double ty) {
    public static final double MAX = 8;
    /** One wheel notch or one +/- press. */
    public static final double STEP = 1.25;
    public static final PictureZoom FIT = new PictureZoom(1, 0, 0);

    /** Zoomed by {@code factor} about frame point (px, py) in a frame of width x height. */
    public PictureZoom zoomAt(double factor, double px, double py, double width, double height) {
        double z = Math.max(1, Math.min(MAX, zoom * factor));
        double cx = (px - tx) / zoom;
        double cy = (py - ty) / zoom;
        return new PictureZoom(z, px - cx * z, py - cy * z).clamped(width, height);
    }

    /** Moved by (dx, dy) frame pixels (a drag). */
    public PictureZoom panBy(double dx, double dy, double width, double height) {
        return new PictureZoom(zoom, tx + dx, ty + dy).clamped(width, height);
    }

    private PictureZoom clamped(double width, double height) {
        double x = Math.max(width - width * zoom, Math.min(0, tx));
        double y = Math.max(height - height * zoom, Math.min(0, ty));
        return new PictureZoom(zoom, x, y);
    }

    public boolean fitted() {
        return zoom == 1;
    }
}
