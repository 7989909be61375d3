package org.ferworkbench.core.face;

import org.ferworkbench.core.image.RgbImage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arithmetic of facenet-pytorch's MTCNN.detect, step by step (see docs/mtcnn.md and mtcnn_reference.py).
 * Everything the reference computes in float32 is computed in Java {@code float} here, operation by operation and
 * in the same order, so that the numbers agree to the last bit wherever the nets' outputs agree.
 */
final class MtcnnMath {

    private MtcnnMath() { }

    static final float NORM_MEAN = 127.5f;
    static final float NORM_SCALE = 0.0078125f;

    /** Pyramid scales: m = 12 / minFace, minl = min(h, w) * m; while minl >= 12: add m; m *= f; minl *= f. */
    static double[] scales(int width, int height, int minFace, double factor) {
        double m = 12.0 / minFace;
        double minl = Math.min(height, width) * m;
        double[] out = new double[8];
        int n = 0;
        double s = m;
        while (minl >= 12) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = s;
            s *= factor;
            minl *= factor;
        }
        return Arrays.copyOf(out, n);
    }

    /** Size of a pyramid level: (int) (dim * scale + 1). */
    static int scaledSize(int dim, double scale) {
        return (int) (dim * scale + 1);
    }

    /** First input index of output bin i (adaptive average pooling): floor(i * in / out). */
    static int binStart(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    /** End (exclusive) of output bin i: ceil((i + 1) * in / out). */
    static int binEnd(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    /** P-Net output map size for an input side: ceil((n - 2) / 2) - 4. */
    static int pnetMapSize(int n) {
        return (n - 2 + 1) / 2 - 4;
    }

    static float normalize(float v) {
        return (v - NORM_MEAN) * NORM_SCALE;
    }

    /**
     * Per-channel summed-area table of an RGB image. Sums are kept in int and may wrap around for huge images;
     * differences of four corners are exact modulo 2^32 and every bin sum fits in an int, so bin sums are exact.
     * The table takes 12 bytes per pixel, so above {@link #MAX_TABLE_PIXELS} none is built and bins are summed
     * directly from the pixels (same exact integer sums, more work per bin).
     */
    static final class Integral {
        static final long MAX_TABLE_PIXELS = 16_000_000L;

        final int width;
        final int height;
        /** [(y * (width + 1) + x) * 3 + c] = sum of channel c over rows < y, columns < x; null for huge images. */
        final int[] sums;
        /** The image itself, used when there is no table. */
        final RgbImage image;

        private Integral(int width, int height, int[] sums, RgbImage image) {
            this.width = width;
            this.height = height;
            this.sums = sums;
            this.image = image;
        }

        static Integral of(RgbImage img) {
            return of(img, MAX_TABLE_PIXELS, null);
        }

        static Integral of(RgbImage img, long maxTablePixels) {
            return of(img, maxTablePixels, null);
        }

        /** Entries of the table of an image (0 when it gets none): the length a reused array needs. */
        static int tableLength(RgbImage img) {
            if ((long) img.width() * img.height() > MAX_TABLE_PIXELS) return 0;
            return (img.height() + 1) * (img.width() + 1) * 3;
        }

        /**
         * The table of {@code img}, written into {@code reuse} when that is long enough (a detector keeps its
         * tables between batches: at 128x128 each is 200 KB, and allocating one per image made most of the
         * detector's garbage). The returned Integral is only valid until {@code reuse} is filled again.
         */
        static Integral of(RgbImage img, long maxTablePixels, int[] reuse) {
            int w = img.width();
            int h = img.height();
            if ((long) w * h > maxTablePixels) return new Integral(w, h, null, img);
            int stride = (w + 1) * 3;
            int length = (h + 1) * stride;
            int[] s = reuse != null && reuse.length >= length ? reuse : new int[length];
            java.util.Arrays.fill(s, 0, stride, 0);
            byte[] px = img.pixels();
            for (int y = 0; y < h; y++) {
                int r = 0, g = 0, b = 0;
                int src = y * w * 3;
                int prev = y * stride;
                int dst = prev + stride;
                s[dst] = 0;
                s[dst + 1] = 0;
                s[dst + 2] = 0;
                for (int x = 0; x < w; x++) {
                    r += px[src++] & 0xFF;
                    g += px[src++] & 0xFF;
                    b += px[src++] & 0xFF;
                    int o = (x + 1) * 3;
                    s[dst + o] = s[prev + o] + r;
                    s[dst + o + 1] = s[prev + o + 1] + g;
                    s[dst + o + 2] = s[prev + o + 2] + b;
                }
            }
            return new Integral(w, h, s, img);
        }

        /** Sum of channel c over rows [y0, y1), columns [x0, x1). */
        int sum(int c, int y0, int y1, int x0, int x1) {
            if (sums == null) {
                byte[] px = image.pixels();
                int tot = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) tot += px[(y * width + x) * 3 + c] & 0xFF;
                }
                return tot;
            }
            int stride = (width + 1) * 3;
            return sums[y1 * stride + x1 * 3 + c] - sums[y0 * stride + x1 * 3 + c]
                    - sums[y1 * stride + x0 * 3 + c] + sums[y0 * stride + x0 * 3 + c];
        }
    }

    /**
     * Area-resizes the region [x0, x0 + cw) x [y0, y0 + ch) of the image to oh x ow (adaptive average pooling: bin
     * mean = exact integer sum / count, rounded once to float), normalises ((v - 127.5) * 0.0078125) and writes it
     * as planar CHW float32 at dst[offset...].
     */
    static void areaResizeNormalized(Integral img, int x0, int y0, int cw, int ch, int oh, int ow,
                                     float[] dst, int offset) {
        int[] ys = new int[oh];
        int[] ye = new int[oh];
        int[] xs = new int[ow];
        int[] xe = new int[ow];
        for (int i = 0; i < oh; i++) {
            ys[i] = y0 + binStart(i, ch, oh);
            ye[i] = y0 + binEnd(i, ch, oh);
        }
        for (int j = 0; j < ow; j++) {
            xs[j] = x0 + binStart(j, cw, ow);
            xe[j] = x0 + binEnd(j, cw, ow);
        }
        int[] s = img.sums;
        int stride = (img.width + 1) * 3;
        int plane = oh * ow;
        if (s == null) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double cnt = (double) (ye[i] - ys[i]) * (xe[j] - xs[j]);
                    int o = offset + i * ow + j;
                    for (int c = 0; c < 3; c++) {
                        float mean = (float) (img.sum(c, ys[i], ye[i], xs[j], xe[j]) / cnt);
                        dst[o + c * plane] = (mean - NORM_MEAN) * NORM_SCALE;
                    }
                }
            }
            return;
        }
        for (int i = 0; i < oh; i++) {
            int ra = ys[i] * stride;
            int rb = ye[i] * stride;
            int rows = ye[i] - ys[i];
            for (int j = 0; j < ow; j++) {
                int ca = xs[j] * 3;
                int cb = xe[j] * 3;
                double cnt = (double) rows * (xe[j] - xs[j]);
                int o = offset + i * ow + j;
                for (int c = 0; c < 3; c++) {
                    int tot = s[rb + cb + c] - s[ra + cb + c] - s[rb + ca + c] + s[ra + ca + c];
                    float mean = (float) (tot / cnt);
                    dst[o + c * plane] = (mean - NORM_MEAN) * NORM_SCALE;
                }
            }
        }
    }

    /** Un-normalised area resize of a whole single-channel plane (for tests and documentation). */
    static float[] areaResize(float[] src, int h, int w, int oh, int ow) {
        float[] out = new float[oh * ow];
        for (int i = 0; i < oh; i++) {
            int a = binStart(i, h, oh), b = binEnd(i, h, oh);
            for (int j = 0; j < ow; j++) {
                int c = binStart(j, w, ow), d = binEnd(j, w, ow);
                double tot = 0;
                for (int y = a; y < b; y++) {
                    for (int x = c; x < d; x++) tot += src[y * w + x];
                }
                out[i * ow + j] = (float) (tot / ((double) (b - a) * (d - c)));
            }
        }
        return out;
    }

    /** A box with its score, regression and (after O-Net) landmarks; fields are float like the reference. */
    static final class Box {
        final int image;
        float x1, y1, x2, y2, score;
        final float[] reg = new float[4];
        float[] landmarks;   // x1..x5, y1..y5 in image coordinates

        Box(int image, float x1, float y1, float x2, float y2, float score) {
            this.image = image;
            this.x1 = x1;
            this.y1 = y1;
            this.x2 = x2;
            this.y2 = y2;
            this.score = score;
        }

        float area() {
            return (x2 - x1) * (y2 - y1);
        }

        @Override
        public String toString() {
            return "Box[" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + ", p=" + score + "]";
        }
    }

    /**
     * P-Net candidates of image n from prob [N,2,mh,mw] and reg [N,4,mh,mw] (NCHW, flattened): cells with
     * prob[:,1] >= threshold in row-major order; x1 = floor((2x + 1) / s), x2 = floor((2x + 12) / s) in float32.
     */
    static List<Box> candidates(int image, float[] prob, float[] reg, int n, int mh, int mw, float scale,
                                float threshold) {
        List<Box> out = new ArrayList<>();
        int plane = mh * mw;
        int pBase = (n * 2 + 1) * plane;
        int rBase = n * 4 * plane;
        for (int y = 0; y < mh; y++) {
            for (int x = 0; x < mw; x++) {
                int k = y * mw + x;
                float p = prob[pBase + k];
                if (p >= threshold) {
                    float fx = x, fy = y;
                    Box b = new Box(image,
                            (float) Math.floor((2f * fx + 1f) / scale),
                            (float) Math.floor((2f * fy + 1f) / scale),
                            (float) Math.floor((2f * fx + 12f) / scale),
                            (float) Math.floor((2f * fy + 12f) / scale), p);
                    for (int r = 0; r < 4; r++) b.reg[r] = reg[rBase + r * plane + k];
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Indices sorted by score, descending, ties in index order (a stable sort of -score). */
    private static int[] orderByScoreDesc(List<Box> boxes) {
        int n = boxes.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // map -score to a sortable int (IEEE order), pack with the index for a stable primitive sort
            int bits = Float.floatToIntBits(-boxes.get(i).score + 0f);
            int sortable = bits ^ ((bits >> 31) & 0x7FFFFFFF);
            keys[i] = ((long) sortable << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keys[i];
        return order;
    }

    /** Box corners and areas as arrays, for the NMS loops; facenet's pixel-inclusive areas add 1 to each side. */
    private record Coords(float[] x1, float[] y1, float[] x2, float[] y2, float[] area) {
        static Coords of(List<Box> boxes, boolean inclusive) {
            int n = boxes.size();
            float[] x1 = new float[n], y1 = new float[n], x2 = new float[n], y2 = new float[n], area = new float[n];
            for (int i = 0; i < n; i++) {
                Box b = boxes.get(i);
                x1[i] = b.x1;
                y1[i] = b.y1;
                x2[i] = b.x2;
                y2[i] = b.y2;
                area[i] = inclusive ? (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1) : (b.x2 - b.x1) * (b.y2 - b.y1);
            }
            return new Coords(x1, y1, x2, y2, area);
        }
    }

    /**
     * torchvision nms semantics: area = (x2-x1)*(y2-y1), suppress IoU > threshold; returns kept indices in
     * descending score order.
     */
    static int[] nmsIou(List<Box> boxes, float threshold) {
        int n = boxes.size();
        int[] order = orderByScoreDesc(boxes);
        Coords k0 = Coords.of(boxes, false);
        float[] x1 = k0.x1(), y1 = k0.y1(), x2 = k0.x2(), y2 = k0.y2(), area = k0.area();
        boolean[] suppressed = new boolean[n];
        int[] keep = new int[n];
        int k = 0;
        for (int a = 0; a < n; a++) {
            int i = order[a];
            if (suppressed[i]) continue;
            keep[k++] = i;
            for (int c = a + 1; c < n; c++) {
                int j = order[c];
                if (suppressed[j]) continue;
                float w = Math.max(0f, Math.min(x2[i], x2[j]) - Math.max(x1[i], x1[j]));
                float h = Math.max(0f, Math.min(y2[i], y2[j]) - Math.max(y1[i], y1[j]));
                float inter = w * h;
                float iou = inter / (area[i] + area[j] - inter);
                if (iou > threshold) suppressed[j] = true;
            }
        }
        return Arrays.copyOf(keep, k);
    }

    /**
     * facenet's "Min" NMS: area = (x2-x1+1)*(y2-y1+1), overlap = inter / min(area_i, area_j), keep overlap <=
     * threshold. Picks the highest score first (ties: the larger index first); returns picked indices in order.
     */
    static int[] nmsMin(List<Box> boxes, float threshold) {
        int n = boxes.size();
        // ascending stable argsort of the score (ties in index order); the loop takes from the end
        Integer[] asc = new Integer[n];
        for (int i = 0; i < n; i++) asc[i] = i;
        Arrays.sort(asc, (a, b) -> Float.compare(boxes.get(a).score + 0f, boxes.get(b).score + 0f));
        Coords k0 = Coords.of(boxes, true);
        float[] x1 = k0.x1(), y1 = k0.y1(), x2 = k0.x2(), y2 = k0.y2(), area = k0.area();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = asc[i];
        int len = n;
        int[] pick = new int[n];
        int k = 0;
        while (len > 0) {
            int i = idx[len - 1];
            pick[k++] = i;
            int m = 0;
            for (int c = 0; c < len - 1; c++) {
                int j = idx[c];
                float w = Math.max(0f, Math.min(x2[i], x2[j]) - Math.max(x1[i], x1[j]) + 1);
                float h = Math.max(0f, Math.min(y2[i], y2[j]) - Math.max(y1[i], y1[j]) + 1);
                float o = (w * h) / Math.min(area[i], area[j]);
                if (o <= threshold) idx[m++] = j;
            }
            len = m;
        }
        return Arrays.copyOf(pick, k);
    }

    /** Makes the box square around its centre with side max(w, h) (float32, as facenet's rerec). */
    static void rerec(Box b) {
        float h = b.y2 - b.y1;
        float w = b.x2 - b.x1;
        float l = Math.max(w, h);
        b.x1 = b.x1 + w * 0.5f - l * 0.5f;
        b.y1 = b.y1 + h * 0.5f - l * 0.5f;
        b.x2 = b.x1 + l;
        b.y2 = b.y1 + l;
    }

    /** R-Net/O-Net box regression with w = x2 - x1 + 1, h = y2 - y1 + 1. */
    static void bbreg(Box b, float[] reg) {
        float w = b.x2 - b.x1 + 1;
        float h = b.y2 - b.y1 + 1;
        b.x1 = b.x1 + reg[0] * w;
        b.y1 = b.y1 + reg[1] * h;
        b.x2 = b.x2 + reg[2] * w;
        b.y2 = b.y2 + reg[3] * h;
    }

    /** P-Net regression: width x2 - x1 (no +1), applied to the P-Net candidate's own regression values. */
    static void pnetRegress(Box b) {
        float rw = b.x2 - b.x1;
        float rh = b.y2 - b.y1;
        float nx1 = b.x1 + b.reg[0] * rw;
        float ny1 = b.y1 + b.reg[1] * rh;
        float nx2 = b.x2 + b.reg[2] * rw;
        float ny2 = b.y2 + b.reg[3] * rh;
        b.x1 = nx1;
        b.y1 = ny1;
        b.x2 = nx2;
        b.y2 = ny2;
    }

    /**
     * Crop rectangle for R-Net/O-Net: truncate toward zero, clip x to [1, W] and y to [1, H] (1-based), take
     * rows y-1 .. ey-1 and columns x-1 .. ex-1. Returns {x0, y0, width, height} (0-based), or null when empty.
     */
    static int[] cropRect(Box b, int width, int height) {
        int x = (int) b.x1, y = (int) b.y1, ex = (int) b.x2, ey = (int) b.y2;
        x = Math.max(x, 1);
        y = Math.max(y, 1);
        ex = Math.min(ex, width);
        ey = Math.min(ey, height);
        int cw = ex - (x - 1), ch = ey - (y - 1);
        if (cw <= 0 || ch <= 0) return null;
        return new int[] {x - 1, y - 1, cw, ch};
    }

    /** Landmarks from O-Net output l (x1..x5, y1..y5 relative) on the box before O-Net regression. */
    static float[] landmarks(Box b, float[] lm, int offset) {
        float w = b.x2 - b.x1 + 1;
        float h = b.y2 - b.y1 + 1;
        float[] out = new float[10];
        for (int i = 0; i < 5; i++) {
            out[i] = w * lm[offset + i] + b.x1 - 1;
            out[5 + i] = h * lm[offset + 5 + i] + b.y1 - 1;
        }
        return out;
    }

    /** Indices sorted by box area, largest first (a stable ascending sort, reversed, like numpy for small n). */
    static int[] orderByAreaDesc(List<Box> boxes) {
        int n = boxes.size();
        Integer[] asc = new Integer[n];
        for (int i = 0; i < n; i++) asc[i] = i;
        Arrays.sort(asc, (a, b) -> Float.compare(boxes.get(a).area() + 0f, boxes.get(b).area() + 0f));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = asc[n - 1 - i];
        return out;
    }
}
