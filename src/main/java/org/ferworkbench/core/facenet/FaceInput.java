package org.ferworkbench.core.facenet;

import org.ferworkbench.core.image.RgbImage;

/**
 * A face's net input exactly as face-api makes it from the crop ({@code NetInput.toBatchTensor(size, true)} on the
 * tensor path): the crop padded with zeros to a square ({@code padToSquare} centred: half the difference, rounded,
 * after the crop, the rest before it), then {@code tf.image.resizeBilinear(size, alignCorners = false,
 * halfPixelCenters = false)} with TF.js's CPU kernel arithmetic (doubles, rounded once to float32). The result is
 * float32 RGB, 0..255 but not rounded, NHWC; the nets subtract their mean and scale themselves.
 *
 * <p>Reads only the four source pixels of each output value, straight from the image: no crop is copied.
 */
final class FaceInput {

    private FaceInput() { }

    /** Writes the size x size x 3 input for {@code crop} of {@code image} into {@code dst} from {@code offset}. */
    static void write(RgbImage image, CropRegion crop, int size, float[] dst, int offset) {
        int w = crop.width(), h = crop.height();
        int side = Math.max(w, h);
        int diff = Math.abs(h - w);
        int after = (int) Math.round(diff * 0.5);      // JS Math.round: halves up
        int before = diff - after;
        // offset of the crop inside the padded square
        int padLeft = h > w ? before : 0;
        int padTop = h > w ? 0 : before;
        byte[] px = image.pixels();
        int stride = image.width() * 3;
        int base = crop.y() * stride + crop.x() * 3;
        // resizeBilinear: source coordinate = out * (in / out), neighbours floor and ceil clamped to the input. The
        // columns' neighbours and weights are the same on every row: worked out once (the same doubles either way)
        double scale = (double) side / size;
        int[] left = new int[size], right = new int[size];
        double[] dxs = new double[size];
        for (int c = 0; c < size; c++) {
            double sx = scale * c;
            int x0 = Math.max(0, (int) Math.floor(sx));
            dxs[c] = sx - x0;
            int x1 = Math.min(side - 1, (int) Math.ceil(sx));
            int col0 = x0 - padLeft, col1 = x1 - padLeft;
            left[c] = col0 >= 0 && col0 < w ? col0 * 3 : -1;
            right[c] = col1 >= 0 && col1 < w ? col1 * 3 : -1;
        }
        int o = offset;
        for (int r = 0; r < size; r++) {
            double sy = scale * r;
            int y0 = Math.max(0, (int) Math.floor(sy));
            double dy = sy - y0;
            int y1 = Math.min(side - 1, (int) Math.ceil(sy));
            int row0 = y0 - padTop, row1 = y1 - padTop;
            boolean in0 = row0 >= 0 && row0 < h, in1 = row1 >= 0 && row1 < h;
            int top0 = base + row0 * stride, bottom0 = base + row1 * stride;
            for (int c = 0; c < size; c++) {
                double dx = dxs[c];
                int tl = in0 && left[c] >= 0 ? top0 + left[c] : -1;
                int tr = in0 && right[c] >= 0 ? top0 + right[c] : -1;
                int bl = in1 && left[c] >= 0 ? bottom0 + left[c] : -1;
                int br = in1 && right[c] >= 0 ? bottom0 + right[c] : -1;
                for (int ch = 0; ch < 3; ch++) {
                    double topLeft = tl < 0 ? 0 : px[tl + ch] & 0xFF;
                    double topRight = tr < 0 ? 0 : px[tr + ch] & 0xFF;
                    double bottomLeft = bl < 0 ? 0 : px[bl + ch] & 0xFF;
                    double bottomRight = br < 0 ? 0 : px[br + ch] & 0xFF;
                    double top = topLeft + (topRight - topLeft) * dx;
                    double bottom = bottomLeft + (bottomRight - bottomLeft) * dx;
                    dst[o++] = (float) (top + (bottom - top) * dy);
                }
            }
        }
    }
}
