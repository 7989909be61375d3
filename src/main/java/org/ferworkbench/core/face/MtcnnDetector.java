package org.ferworkbench.core.face;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import org.ferworkbench.core.face.MtcnnMath.Box;
import org.ferworkbench.core.face.MtcnnMath.Integral;
import org.ferworkbench.core.image.RgbImage;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MTCNN face detector reproducing facenet-pytorch's {@code MTCNN.detect} (see docs/mtcnn.md): the nets run in
 * DJL/libtorch, the pyramid, candidate, NMS, squaring, crop and regression arithmetic in Java float32 exactly as the
 * reference does it.
 *
 * <p>{@link #detectBatch} runs P-Net once per pyramid level on all images of the same size, and R-Net/O-Net once (in
 * chunks of a fixed size) on the candidate crops of all images; results equal {@link #detect} image by image, to the
 * last bit, whatever images share a batch (tested on real photos).
 *
 * <p>Threading: a detector is NOT thread-safe (it owns DJL predictors). Use one detector per thread; many detectors
 * may share one {@link MtcnnModels}. Native memory of each net call lives in a scoped {@link NDManager} that is closed
 * before the call returns; {@link #close()} releases the predictors (not the models).
 */
public final class MtcnnDetector implements AutoCloseable {

    /*
     * Chunk sizes of the net calls. libtorch's time per pixel grows several-fold once one call's activations outgrow
     * the CPU caches, so a large batch is split into moderate chunks at the measured knees (per-call sweeps and the
     * DetectBenchmark rounds are in docs/benchmarks.md, "MTCNN detection"); see chunk() for why their sizes are
     * powers of two. System properties allow tuning.
     */
    /** Upper bound of input pixels (images x level height x level width) per P-Net call. */
    static final long PNET_MAX_PIXELS = Long.getLong("fer.mtcnn.pnetMaxPixels", 1L << 16);
    /** Upper bound of crops per R-Net / O-Net call. */
    static final int RNET_MAX_CROPS = Integer.getInteger("fer.mtcnn.rnetMaxCrops", 64);
    static final int ONET_MAX_CROPS = Integer.getInteger("fer.mtcnn.onetMaxCrops", 16);

    private final MtcnnParameters params;
    private final MtcnnModels.Predictors predictors;
    private final NDManager manager;
    private final org.ferworkbench.core.models.InputBuffer inputBuffer = new org.ferworkbench.core.models.InputBuffer(1 << 20);
    /** Reused float staging array of the net inputs (every value is overwritten before use). */
    private float[] scratch;
    /** Summed-area tables kept between batches, one per batch position (see {@link Integral#of}). */
    private int[][] tables = new int[0][];
    /** Tables of larger images (over 1024x1024) are not kept: they are rare and would pin megabytes. */
    private static final int MAX_KEPT_TABLE = 1025 * 1025 * 3;

    /** A detector with facenet-pytorch's default parameters, with its own predictors on the shared models. */
    public MtcnnDetector(MtcnnModels models) {
        this(models, MtcnnParameters.DEFAULTS);
    }

    /** A detector with the given parameters, with its own predictors on the shared models. */
    public MtcnnDetector(MtcnnModels models, MtcnnParameters params) {
        this.params = Objects.requireNonNull(params, "params");
        this.predictors = models.newPredictors();
        this.manager = NDManager.newBaseManager("PyTorch");
        this.manager.setName("mtcnn-detector");
    }

    public MtcnnParameters parameters() {
        return params;
    }

    /** Faces in one image, largest box first. */
    public List<FaceDetection> detect(RgbImage image) {
        return detectBatch(List.of(image)).get(0);
    }

    /** Faces in each image (same order as the input), each list largest box first. Images may differ in size. */
    public List<List<FaceDetection>> detectBatch(List<RgbImage> images) {
        int n = images.size();
        if (n == 0) return List.of();
        Integral[] integrals = new Integral[n];
        if (tables.length < n) tables = java.util.Arrays.copyOf(tables, n);
        for (int i = 0; i < n; i++) {
            RgbImage image = images.get(i);
            int length = Integral.tableLength(image);
            if (length > 0 && length <= MAX_KEPT_TABLE && (tables[i] == null || tables[i].length < length)) {
                tables[i] = new int[length];
            }
            integrals[i] = Integral.of(image, Integral.MAX_TABLE_PIXELS, tables[i]);
        }

        List<List<Box>> boxes = pnetStage(images, integrals);
        boxes = refineStage(images, integrals, boxes, false);
        boxes = refineStage(images, integrals, boxes, true);

        List<List<FaceDetection>> out = new ArrayList<>(n);
        for (List<Box> list : boxes) {
            int[] order = MtcnnMath.orderByAreaDesc(list);
            List<FaceDetection> faces = new ArrayList<>(order.length);
            for (int k : order) faces.add(toDetection(list.get(k)));
            out.add(Collections.unmodifiableList(faces));
        }
        return Collections.unmodifiableList(out);
    }

    private static FaceDetection toDetection(Box b) {
        List<FaceDetection.Landmark> lms = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) lms.add(new FaceDetection.Landmark(b.landmarks[i], b.landmarks[5 + i]));
        return new FaceDetection(b.x1, b.y1, b.x2, b.y2, b.score, lms);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stage 1: P-Net over the pyramid, per-level NMS 0.5, global NMS 0.7, regression, squaring

    List<List<Box>> pnetStage(List<RgbImage> images, Integral[] integrals) {
        int n = images.size();
        List<List<Box>> perImage = new ArrayList<>(n);
        for (int i = 0; i < n; i++) perImage.add(new ArrayList<>());
        float threshold = (float) params.pnetThreshold();

        Map<Long, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            RgbImage im = images.get(i);
            bySize.computeIfAbsent(((long) im.width() << 32) | im.height(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : bySize.values()) {
            RgbImage first = images.get(group.get(0));
            int w = first.width(), h = first.height();
            for (double scale : MtcnnMath.scales(w, h, params.minFaceSize(), params.scaleFactor())) {
                int hs = MtcnnMath.scaledSize(h, scale);
                int ws = MtcnnMath.scaledSize(w, scale);
                long fit = Math.max(1, Math.min(1 << 30, PNET_MAX_PIXELS / ((long) hs * ws)));
                int per = Integer.highestOneBit((int) fit);
                float scale32 = (float) scale;
                if ((long) hs * ws > PNET_MAX_PIXELS && hs > 2 * PNET_MIN_STRIP) {
                    // a large photo: one image at a time, in horizontal strips
                    for (int img : group) pnetLevelInStrips(integrals[img], img, w, h, hs, ws, scale32, threshold, perImage);
                    continue;
                }
                for (int start = 0, count; start < group.size(); start += count) {
                    count = chunk(group.size() - start, per);
                    pnetLevelBatch(integrals, group.subList(start, start + count), w, h, hs, ws, scale32, threshold, perImage);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            List<Box> all = perImage.get(i);
            List<Box> kept = new ArrayList<>();
            for (int k : MtcnnMath.nmsIou(all, 0.7f)) {
                Box b = all.get(k);
                MtcnnMath.pnetRegress(b);
                MtcnnMath.rerec(b);
                kept.add(b);
            }
            perImage.set(i, kept);
        }
        return perImage;
    }

    /** One pyramid level of a large image, P-Net run in strips; candidates after NMS 0.5 go to perImage. */
    private void pnetLevelInStrips(Integral integral, int img, int w, int h, int hs, int ws, float scale, float threshold,
                                   List<List<Box>> perImage) {
        int mh = MtcnnMath.pnetMapSize(hs), mw = MtcnnMath.pnetMapSize(ws);
        float[] level = new float[3 * hs * ws];
        MtcnnMath.areaResizeNormalized(integral, 0, 0, w, h, hs, ws, level, 0);
        float[][] maps = pnetInStrips(level, hs, ws);
        List<Box> cands = MtcnnMath.candidates(img, maps[1], maps[0], 0, mh, mw, scale, threshold);
        List<Box> dst = perImage.get(img);
        for (int k : MtcnnMath.nmsIou(cands, 0.5f)) dst.add(cands.get(k));
    }

    /** One pyramid level of a batch of same-size images in one P-Net call; candidates after NMS 0.5 go to perImage. */
    private void pnetLevelBatch(Integral[] integrals, List<Integer> batch, int w, int h, int hs, int ws, float scale,
                                float threshold, List<List<Box>> perImage) {
        int count = batch.size();
        int planeSize = 3 * hs * ws;
        float[] input = scratch(count * planeSize);
        for (int j = 0; j < count; j++) {
            MtcnnMath.areaResizeNormalized(integrals[batch.get(j)], 0, 0, w, h, hs, ws, input, j * planeSize);
        }
        float[][] out = run(predictors.pnet, input, count * planeSize, new Shape(count, 3, hs, ws));
        float[] reg = out[0];
        float[] prob = out[1];
        int mh = MtcnnMath.pnetMapSize(hs), mw = MtcnnMath.pnetMapSize(ws);
        if (prob.length != (long) count * 2 * mh * mw) {
            throw new IllegalStateException("unexpected P-Net output size " + prob.length);
        }
        for (int j = 0; j < count; j++) {
            int img = batch.get(j);
            List<Box> cands = MtcnnMath.candidates(img, prob, reg, j, mh, mw, scale, threshold);
            List<Box> dst = perImage.get(img);
            for (int k : MtcnnMath.nmsIou(cands, 0.5f)) dst.add(cands.get(k));
        }
    }

    /** libtorch uses its native (not oneDNN) convolution for batch 1 up to this many input values. */
    private static final int SMALL_SINGLE_INPUT = 20480;

    /** Smallest strip height worth splitting off (input rows). */
    private static final int PNET_MIN_STRIP = 64;

    /**
     * P-Net over one pyramid level in horizontal strips of at most about {@link #PNET_MAX_PIXELS} pixels, giving
     * the same maps as one call on the whole level. P-Net output row k depends on input rows 2k .. 2k+11 only, so a
     * strip starting at an even input row r0 with an even height step + 10 yields exactly the full map's rows
     * r0/2 .. r0/2 + step/2 - 1 (its pooling windows are all complete); the last strip ends at the level's bottom
     * edge and so reproduces the edge's partial pooling window as well. Returns {reg [4,mh,mw], prob [2,mh,mw]}.
     */
    private float[][] pnetInStrips(float[] level, int hs, int ws) {
        int mh = MtcnnMath.pnetMapSize(hs), mw = MtcnnMath.pnetMapSize(ws);
        float[] reg = new float[4 * mh * mw];
        float[] prob = new float[2 * mh * mw];
        int step = (int) Math.max(PNET_MIN_STRIP - 10, PNET_MAX_PIXELS / ws - 10) & ~1;
        for (int r0 = 0; r0 < hs; r0 += step) {
            boolean last = hs - r0 <= step + 12;
            int rows = last ? hs - r0 : step + 10;
            float[] input = new float[3 * rows * ws];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(level, (c * hs + r0) * ws, input, c * rows * ws, rows * ws);
            }
            float[][] out = run(predictors.pnet, input, input.length, new Shape(1, 3, rows, ws));
            int smh = MtcnnMath.pnetMapSize(rows);
            int k0 = r0 / 2;
            if (k0 + smh != (last ? mh : k0 + step / 2) || out[1].length != 2 * smh * mw) {
                throw new IllegalStateException("P-Net strip has unexpected size " + smh + "x" + mw);
            }
            for (int c = 0; c < 4; c++) System.arraycopy(out[0], c * smh * mw, reg, (c * mh + k0) * mw, smh * mw);
            for (int c = 0; c < 2; c++) System.arraycopy(out[1], c * smh * mw, prob, (c * mh + k0) * mw, smh * mw);
            if (last) break;
        }
        return new float[][] {reg, prob};
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stages 2 and 3: R-Net (24x24) / O-Net (48x48) on crops of all images at once

    /*
     * The stage is split into small methods on purpose: as one large method, C2 compiled and threw it away six
     * times during a 3,000-image run, at up to 0.5 s of compile time each.
     */
    List<List<Box>> refineStage(List<RgbImage> images, Integral[] integrals, List<List<Box>> boxes, boolean onet) {
        // flatten: all boxes of all images whose crop is not empty
        List<Box> flat = new ArrayList<>();
        List<int[]> rects = new ArrayList<>();
        for (List<Box> list : boxes) {
            for (Box b : list) {
                RgbImage im = images.get(b.image);
                int[] r = MtcnnMath.cropRect(b, im.width(), im.height());
                if (r == null) continue;   // the box lies outside the image: the reference cannot crop it either
                flat.add(b);
                rects.add(r);
            }
        }
        NetOutputs out = runOnCrops(integrals, flat, rects, onet);
        List<List<Box>> passed = passed(flat, out, boxes.size(), onet);
        List<List<Box>> result = new ArrayList<>(boxes.size());
        for (List<Box> list : passed) result.add(onet ? finishOnet(list) : finishRnet(list));
        return result;
    }

    /** R-Net or O-Net outputs of every crop: probability of a face, box regression, landmarks (O-Net). */
    private record NetOutputs(float[] probs, float[] regs, float[] lms) { }

    private NetOutputs runOnCrops(Integral[] integrals, List<Box> flat, List<int[]> rects, boolean onet) {
        int size = onet ? 48 : 24;
        int maxCrops = onet ? ONET_MAX_CROPS : RNET_MAX_CROPS;
        Predictor<NDList, NDList> net = onet ? predictors.onet : predictors.rnet;
        int total = flat.size();
        float[] probs = new float[total];
        float[] regs = new float[total * 4];
        float[] lms = onet ? new float[total * 10] : null;
        int planeSize = 3 * size * size;
        for (int start = 0, count; start < total; start += count) {
            // every call has exactly maxCrops crops, the tail padded with zeros: libtorch's fully connected layers round
            // differently for other batch sizes, so a crop's scores would depend on how many crops shared its call,
            // i.e. on which images were detected together (measured: 163 of 256 FER2013 faces differed in the last
            // bits between detection alone and in batches of 32). At a fixed size they depend on the crop alone.
            count = Math.min(total - start, maxCrops);
            float[] input = scratch(maxCrops * planeSize);
            for (int j = 0; j < count; j++) {
                int[] r = rects.get(start + j);
                MtcnnMath.areaResizeNormalized(integrals[flat.get(start + j).image], r[0], r[1], r[2], r[3],
                        size, size, input, j * planeSize);
            }
            Arrays.fill(input, count * planeSize, maxCrops * planeSize, 0f);
            float[][] out = run(net, input, maxCrops * planeSize, new Shape(maxCrops, 3, size, size));
            float[] prob = out[onet ? 2 : 1];
            System.arraycopy(out[0], 0, regs, start * 4, count * 4);
            for (int j = 0; j < count; j++) probs[start + j] = prob[j * 2 + 1];
            if (onet) System.arraycopy(out[1], 0, lms, start * 10, count * 10);
        }
        return new NetOutputs(probs, regs, lms);
    }

    /** Per image, in the original order: the boxes over the stage's threshold, with their regression. */
    private List<List<Box>> passed(List<Box> flat, NetOutputs out, int images, boolean onet) {
        float threshold = (float) (onet ? params.onetThreshold() : params.rnetThreshold());
        List<List<Box>> passed = new ArrayList<>(images);
        for (int i = 0; i < images; i++) passed.add(new ArrayList<>());
        for (int k = 0; k < flat.size(); k++) {
            if (out.probs()[k] > threshold) {
                Box src = flat.get(k);
                Box b = new Box(src.image, src.x1, src.y1, src.x2, src.y2, out.probs()[k]);
                System.arraycopy(out.regs(), k * 4, b.reg, 0, 4);
                if (onet) b.landmarks = MtcnnMath.landmarks(b, out.lms(), k * 10);
                passed.get(b.image).add(b);
            }
        }
        return passed;
    }

    /** R-Net: NMS 0.7 (IoU), then regression and squaring of the kept boxes. */
    private static List<Box> finishRnet(List<Box> list) {
        List<Box> kept = new ArrayList<>();
        for (int k : MtcnnMath.nmsIou(list, 0.7f)) {
            Box b = list.get(k);
            MtcnnMath.bbreg(b, b.reg);
            MtcnnMath.rerec(b);
            kept.add(b);
        }
        return kept;
    }

    /** O-Net: regression, then NMS 0.7 (over the smaller box). */
    private static List<Box> finishOnet(List<Box> list) {
        List<Box> kept = new ArrayList<>();
        for (Box b : list) MtcnnMath.bbreg(b, b.reg);
        for (int k : MtcnnMath.nmsMin(list, 0.7f)) kept.add(list.get(k));
        return kept;
    }

    /**
     * Size of the next chunk of a batch: {@code max} while that much remains, then the largest power of two that
     * fits. Batch sizes thus come from a small fixed set, so libtorch/oneDNN reuse their compiled kernels instead of
     * generating new ones for every odd remainder.
     */
    static int chunk(int remaining, int max) {
        if (remaining >= max) return max;
        return Integer.highestOneBit(remaining);
    }

    /** Runs one net on a float32 NCHW batch; returns each output as a flat float array, in the net's order. */
    private float[][] run(Predictor<NDList, NDList> net, float[] input, int length, Shape shape) {
        // libtorch runs a single small input through its native convolution, which logs an NNPACK warning per call
        // on CPUs NNPACK does not support; a batch of two goes through oneDNN. So such an input is run twice.
        boolean doubled = shape.get(0) == 1 && length <= SMALL_SINGLE_INPUT;
        int copies = doubled ? 2 : 1;
        ByteBuffer buf = inputBuffer.of(length * copies * 4);
        FloatBuffer fb = buf.asFloatBuffer();
        for (int i = 0; i < copies; i++) fb.put(input, 0, length);
        Shape batch = doubled ? new Shape(2, shape.get(1), shape.get(2), shape.get(3)) : shape;
        try (NDManager scope = manager.newSubManager()) {
            // the tensor aliases the detector's direct buffer; it is closed with the scope before the buffer is reused
            NDArray x = scope.create(buf, batch, DataType.FLOAT32);
            NDList out = net.predict(new NDList(x));
            float[][] result = new float[out.size()][];
            for (int i = 0; i < out.size(); i++) {
                float[] v = out.get(i).toFloatArray();
                result[i] = doubled ? Arrays.copyOf(v, v.length / 2) : v;
            }
            out.close();
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("MTCNN inference failed: " + e.getMessage(), e);
        }
    }

    /** The detector's reusable staging array for net inputs, at least {@code floats} long. */
    private float[] scratch(int floats) {
        if (scratch == null || scratch.length < floats) scratch = new float[Math.max(floats, 1 << 18)];
        return scratch;
    }


    @Override
    public void close() {
        predictors.close();
        manager.close();
    }
}
