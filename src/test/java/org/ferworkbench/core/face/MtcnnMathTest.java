package org.ferworkbench.core.face;

import org.ferworkbench.core.face.MtcnnMath.Box;
import org.ferworkbench.core.face.MtcnnMath.Integral;
import org.ferworkbench.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each arithmetic step of the reference pipeline against values worked out by hand (docs/mtcnn.md). */
class MtcnnMathTest {

    private static Box box(float x1, float y1, float x2, float y2, float score) {
        return new Box(0, x1, y1, x2, y2, score);
    }

    @Test
    void scalesFor128x128() {
        // m = 12/20 = 0.6, minl = 76.8; x0.709 while minl >= 12: 76.8, 54.5, 38.6, 27.4, 19.4, 13.8 (then 9.8)
        double[] s = MtcnnMath.scales(128, 128, 20, 0.709);
        assertThat(s).hasSize(6);
        assertThat(s[0]).isEqualTo(0.6);
        assertThat(s[1]).isEqualTo(0.6 * 0.709);
        assertThat(s[5]).isEqualTo(0.6 * 0.709 * 0.709 * 0.709 * 0.709 * 0.709);
        int[] sizes = new int[s.length];
        for (int i = 0; i < s.length; i++) sizes[i] = MtcnnMath.scaledSize(128, s[i]);
        // (int)(128 * s + 1): 77.8, 55.45, 39.6, 28.4, 20.4, 14.8
        assertThat(sizes).containsExactly(77, 55, 39, 28, 20, 14);
    }

    @Test
    void scalesUseTheShorterSideAndStopBelow12() {
        // 36 px: minl 21.6, 15.3, then 10.9 < 12
        assertThat(MtcnnMath.scales(36, 300, 20, 0.709)).containsExactly(0.6, 0.6 * 0.709);
        // 20 px: minl = 12.0 exactly, still >= 12
        assertThat(MtcnnMath.scales(20, 20, 20, 0.709)).containsExactly(0.6);
        assertThat(MtcnnMath.scales(19, 40, 20, 0.709)).isEmpty();
        // min face 40: m = 0.3
        assertThat(MtcnnMath.scales(100, 100, 40, 0.5)).containsExactly(0.3, 0.15);
    }

    @Test
    void pnetMapSize() {
        assertThat(MtcnnMath.pnetMapSize(12)).isEqualTo(1);
        assertThat(MtcnnMath.pnetMapSize(13)).isEqualTo(2);   // ceil(11/2) - 4
        assertThat(MtcnnMath.pnetMapSize(77)).isEqualTo(34);  // ceil(75/2) - 4
    }

    @Test
    void areaResizeBinsAreAdaptivePoolingBins() {
        // 5 -> 3: bins [0,2), [1,4), [3,5)
        assertThat(new int[] {MtcnnMath.binStart(0, 5, 3), MtcnnMath.binEnd(0, 5, 3)}).containsExactly(0, 2);
        assertThat(new int[] {MtcnnMath.binStart(1, 5, 3), MtcnnMath.binEnd(1, 5, 3)}).containsExactly(1, 4);
        assertThat(new int[] {MtcnnMath.binStart(2, 5, 3), MtcnnMath.binEnd(2, 5, 3)}).containsExactly(3, 5);
        assertThat(MtcnnMath.areaResize(new float[] {1, 2, 3, 4, 5}, 5, 1, 3, 1)).containsExactly(1.5f, 3f, 4.5f);
        // upscaling 2 -> 3: bins [0,1), [0,2), [1,2)
        assertThat(MtcnnMath.areaResize(new float[] {10, 20}, 1, 2, 1, 3)).containsExactly(10f, 15f, 20f);
        // 4 -> 2 in both directions: plain 2x2 means
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertThat(MtcnnMath.areaResize(img, 4, 4, 2, 2)).containsExactly(3.5f, 5.5f, 11.5f, 13.5f);
    }

    @Test
    void areaResizeNormalizedFromTheIntegralImage() {
        // 3x2 RGB image; R = 0,10,20 / 30,40,50; G = 255 everywhere; B = x
        int w = 3, h = 2;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                px[o] = (byte) (10 * (y * w + x));
                px[o + 1] = (byte) 255;
                px[o + 2] = (byte) x;
            }
        }
        Integral g = Integral.of(new RgbImage(w, h, px));
        assertThat(g.sum(0, 0, 2, 0, 3)).isEqualTo(150);
        float[] out = new float[3];
        // whole image -> 1x1: R mean 25, G 255, B 1
        MtcnnMath.areaResizeNormalized(g, 0, 0, w, h, 1, 1, out, 0);
        assertThat(out).containsExactly((25f - 127.5f) * 0.0078125f, (255f - 127.5f) * 0.0078125f,
                (1f - 127.5f) * 0.0078125f);
        // the crop x in [1,3), y in [1,2) -> 1x1: R mean of 40, 50 = 45
        MtcnnMath.areaResizeNormalized(g, 1, 1, 2, 1, 1, 1, out, 0);
        assertThat(out[0]).isEqualTo((45f - 127.5f) * 0.0078125f);
        assertThat(out[2]).isEqualTo((1.5f - 127.5f) * 0.0078125f);
    }

    @Test
    void hugeImagesAreSummedDirectlyWithTheSameResult() {
        int w = 37, h = 23;
        RgbImage img = patterned(w, h);
        Integral table = Integral.of(img);
        Integral direct = Integral.of(img, 100);
        assertThat(table.sums).isNotNull();
        assertThat(direct.sums).isNull();
        assertThat(direct.sum(1, 3, 20, 5, 30)).isEqualTo(table.sum(1, 3, 20, 5, 30));
        for (int[] r : new int[][] {{0, 0, w, h, 12, 17}, {3, 2, 30, 19, 24, 24}, {1, 1, 5, 4, 48, 48}}) {
            float[] a = new float[3 * r[4] * r[5]];
            float[] b = new float[a.length];
            MtcnnMath.areaResizeNormalized(table, r[0], r[1], r[2], r[3], r[4], r[5], a, 0);
            MtcnnMath.areaResizeNormalized(direct, r[0], r[1], r[2], r[3], r[4], r[5], b, 0);
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void aReusedTableArrayGivesTheSameSumsAsAFreshOne() {
        int w = 37, h = 23;
        RgbImage img = patterned(w, h);
        int[] dirty = new int[Integral.tableLength(new RgbImage(50, 40, new byte[50 * 40 * 3])) + 11];
        java.util.Arrays.fill(dirty, -12345);
        Integral reused = Integral.of(img, Integral.MAX_TABLE_PIXELS, dirty);
        Integral fresh = Integral.of(img);
        assertThat(reused.sums).isSameAs(dirty);
        for (int y0 = 0; y0 <= h; y0 += 5) {
            for (int x0 = 0; x0 <= w; x0 += 6) {
                assertThat(reused.sum(2, y0, h, x0, w)).isEqualTo(fresh.sum(2, y0, h, x0, w));
                assertThat(reused.sum(0, 0, y0, 0, x0)).isEqualTo(fresh.sum(0, 0, y0, 0, x0));
            }
        }
        // too short an array is not written into
        int[] tooShort = new int[5];
        assertThat(Integral.of(img, Integral.MAX_TABLE_PIXELS, tooShort).sums).isNotSameAs(tooShort);
    }

    @Test
    void candidateBoxFormulaIsFloat32() {
        // one 2x4 map (mh=2, mw=4); cell (x=3, y=1) above threshold
        int mh = 2, mw = 4;
        float[] prob = new float[2 * mh * mw];
        float[] reg = new float[4 * mh * mw];
        int k = 1 * mw + 3;
        prob[mh * mw + k] = 0.6f;      // channel 1 = face; exactly the threshold: kept (>=)
        prob[mh * mw + 2] = 0.5999f;   // below: dropped
        for (int r = 0; r < 4; r++) reg[r * mh * mw + k] = 0.1f * (r + 1);
        List<Box> c = MtcnnMath.candidates(7, prob, reg, 0, mh, mw, 0.6f, 0.6f);
        assertThat(c).hasSize(1);
        Box b = c.get(0);
        // x1 = floor(7 / 0.6f) = 11; x2 = floor(18 / 0.6f) = floor(29.999998) = 29 (in float32; 30 in exact maths)
        // y1 = floor(3 / 0.6f) = 5; y2 = floor(14 / 0.6f) = 23
        assertThat(new float[] {b.x1, b.y1, b.x2, b.y2}).containsExactly(11f, 5f, 29f, 23f);
        assertThat(b.score).isEqualTo(0.6f);
        assertThat(b.reg).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(b.image).isEqualTo(7);
    }

    @Test
    void candidatesAreRowMajorAndReadTheRightImageOfTheBatch() {
        int mh = 2, mw = 2, plane = mh * mw;
        float[] prob = new float[2 * 2 * plane];   // N = 2
        float[] reg = new float[2 * 4 * plane];
        // image 1: cells (x=1,y=0) and (x=0,y=1)
        prob[(1 * 2 + 1) * plane + 1] = 0.9f;
        prob[(1 * 2 + 1) * plane + 2] = 0.8f;
        reg[(1 * 4 + 2) * plane + 2] = -0.5f;
        List<Box> c = MtcnnMath.candidates(1, prob, reg, 1, mh, mw, 1f, 0.6f);
        assertThat(c).extracting(b -> b.score).containsExactly(0.9f, 0.8f);
        assertThat(c.get(0).x1).isEqualTo(3f);   // floor((2*1 + 1) / 1)
        assertThat(c.get(1).y1).isEqualTo(3f);
        assertThat(c.get(1).reg[2]).isEqualTo(-0.5f);
        assertThat(MtcnnMath.candidates(0, prob, reg, 0, mh, mw, 1f, 0.6f)).isEmpty();
    }

    @Test
    void pnetRegressionUsesWidthWithoutPlusOne() {
        Box b = box(10, 20, 30, 60, 0.9f);
        b.reg[0] = 0.1f;
        b.reg[1] = -0.1f;
        b.reg[2] = 0.5f;
        b.reg[3] = 0.25f;
        MtcnnMath.pnetRegress(b);   // w = 20, h = 40
        assertThat(new float[] {b.x1, b.y1, b.x2, b.y2}).containsExactly(12f, 16f, 40f, 70f);
    }

    @Test
    void nmsIouSuppressesAboveThresholdAndSortsByScore() {
        // A and B: inter 81, union 119, IoU 0.68; C is disjoint and best
        List<Box> boxes = List.of(box(0, 0, 10, 10, 0.9f), box(1, 1, 11, 11, 0.8f), box(20, 20, 30, 30, 0.95f));
        assertThat(MtcnnMath.nmsIou(boxes, 0.5f)).containsExactly(2, 0);
        assertThat(MtcnnMath.nmsIou(boxes, 0.7f)).containsExactly(2, 0, 1);
        // IoU exactly at the threshold is kept (suppress only when greater): inter 50, union 150 -> 1/3
        List<Box> half = List.of(box(0, 0, 10, 10, 0.9f), box(5, 0, 15, 10, 0.8f));
        float iou = 50f / (100f + 100f - 50f);
        assertThat(MtcnnMath.nmsIou(half, iou)).containsExactly(0, 1);
        assertThat(MtcnnMath.nmsIou(half, Math.nextDown(iou))).containsExactly(0);
        // equal scores: index order
        List<Box> ties = List.of(box(0, 0, 10, 10, 0.5f), box(0, 0, 10, 10, 0.5f), box(100, 0, 110, 10, 0.5f));
        assertThat(MtcnnMath.nmsIou(ties, 0.5f)).containsExactly(0, 2);
        assertThat(MtcnnMath.nmsIou(List.of(), 0.5f)).isEmpty();
    }

    @Test
    void nmsMinUsesPlusOneAreasAndTheSmallerArea() {
        // B lies inside A: inter = 5*5 = 25 = area(B) -> overlap 1 although IoU is 25/121
        List<Box> nested = List.of(box(0, 0, 10, 10, 0.9f), box(2, 2, 6, 6, 0.95f));
        assertThat(MtcnnMath.nmsMin(nested, 0.7f)).containsExactly(1);
        // side by side: inter 5 * 10 = 50, areas 100 -> 0.5 <= 0.7, both kept, best first
        List<Box> side = List.of(box(0, 0, 9, 9, 0.8f), box(5, 0, 14, 9, 0.9f));
        assertThat(MtcnnMath.nmsMin(side, 0.7f)).containsExactly(1, 0);
        assertThat(MtcnnMath.nmsMin(side, 0.4f)).containsExactly(1);
        // equal scores: the reference takes the last of a stable ascending sort, i.e. the larger index first
        List<Box> ties = List.of(box(0, 0, 9, 9, 0.5f), box(50, 0, 59, 9, 0.5f));
        assertThat(MtcnnMath.nmsMin(ties, 0.7f)).containsExactly(1, 0);
    }

    @Test
    void rerecSquaresAroundTheCentre() {
        Box b = box(10, 20, 30, 60, 0.9f);   // w 20, h 40 -> side 40
        MtcnnMath.rerec(b);
        assertThat(new float[] {b.x1, b.y1, b.x2, b.y2}).containsExactly(0f, 20f, 40f, 60f);
        Box wide = box(0, 0, 10, 4, 0.9f);   // w 10, h 4 -> y1 = 0 + 2 - 5 = -3
        MtcnnMath.rerec(wide);
        assertThat(new float[] {wide.x1, wide.y1, wide.x2, wide.y2}).containsExactly(0f, -3f, 10f, 7f);
    }

    @Test
    void bbregUsesWidthPlusOne() {
        Box b = box(10, 10, 29, 19, 0.9f);   // w = 20, h = 10
        MtcnnMath.bbreg(b, new float[] {0.1f, -0.2f, 0.05f, 0.5f});
        assertThat(b.x1).isEqualTo(12f);
        assertThat(b.y1).isEqualTo(8f);
        assertThat(b.x2).isEqualTo(30f);
        assertThat(b.y2).isEqualTo(24f);
    }

    @Test
    void cropTruncatesTowardZeroAndClipsOneBased() {
        // trunc(-5.7) = -5 -> 1; ey 50 -> 40; rows y-1 .. ey-1 = 2..39 (38 rows), cols 0..19 (20)
        assertThat(MtcnnMath.cropRect(box(-5.7f, 3.9f, 20.2f, 50.5f, 1), 30, 40)).containsExactly(0, 2, 20, 38);
        assertThat(MtcnnMath.cropRect(box(0.5f, 0.5f, 30.9f, 40.9f, 1), 30, 40)).containsExactly(0, 0, 30, 40);
        assertThat(MtcnnMath.cropRect(box(35, 0, 50, 10, 1), 30, 40)).isNull();     // right of the image
        assertThat(MtcnnMath.cropRect(box(-20, -20, -5, -5, 1), 30, 40)).isNull();  // above-left of it
    }

    @Test
    void landmarksUseTheBoxBeforeRegressionWithPlusOne() {
        Box b = box(10, 20, 29, 39, 0.9f);   // w = h = 20
        float[] lm = {0, 0.5f, 1, 0.25f, 0.75f, 0, 0.5f, 1, 0.25f, 0.75f};
        float[] p = MtcnnMath.landmarks(b, lm, 0);
        assertThat(p).containsExactly(9f, 19f, 29f, 14f, 24f, 19f, 29f, 39f, 24f, 34f);
    }

    @Test
    void finalOrderIsByAreaLargestFirst() {
        List<Box> boxes = List.of(box(0, 0, 10, 10, 0.99f), box(0, 0, 30, 30, 0.8f), box(0, 0, 20, 20, 0.9f));
        assertThat(MtcnnMath.orderByAreaDesc(boxes)).containsExactly(1, 2, 0);
    }

    @Test
    void normalisation() {
        assertThat(MtcnnMath.normalize(0)).isEqualTo(-0.99609375f);
        assertThat(MtcnnMath.normalize(255)).isEqualTo(0.99609375f);
        assertThat(MtcnnMath.normalize(127.5f)).isCloseTo(0f, within(0f));
    }

    /** A w x h image whose bytes follow a fixed non-repeating pattern. */
    private static RgbImage patterned(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7919 % 256);
        return new RgbImage(w, h, px);
    }
}
