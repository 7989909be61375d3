package org.ferworkbench.core.facenet;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import org.ferworkbench.core.image.RgbImage;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * face-api's 68-point landmarks, face descriptors and expression probabilities for face boxes, e.g. from MTCNN.
 *
 * <p>Each face is cut out and prepared exactly as face-api does it for that box ({@link CropRegion}, then
 * {@code FaceInput}: padded to a square, bilinear-resized to 112x112 or 150x150), so a box gives the numbers face-api
 * would give for it (to float rounding; see models/README.md for the measured differences). face-api feeds the
 * recognition net the box {@link Landmarks68#descriptorBox()} and, after landmarks, the expression net
 * {@link Landmarks68#alignedBox()}; pass those boxes to reproduce its whole pipeline.
 *
 * <p>Faces are batched: all faces of a call, from any number of images, go through each net in calls of exactly
 * {@link #LANDMARK_BATCH}, {@link #EXPRESSION_BATCH} or {@link #RECOGNITION_BATCH} faces, the last call padded with
 * zero inputs. libtorch rounds differently for each batch size (all three nets, measured on real faces), so only a
 * fixed size makes a face's numbers depend on the face alone: the same alone (the app's inspector), in any block of
 * an export, on any shard, and whichever faces an earlier run left in the cache. Results come back in input order.
 *
 * <p>Threading: not thread-safe (it owns DJL predictors and staging buffers). Use one per thread; any number may
 * share one {@link FaceNetModels}. Each net call's native memory lives in a scope closed before the call returns;
 * {@link #close()} releases the predictors, not the models.
 */
public final class FaceNets implements AutoCloseable {

    /**
     * Faces per call of each net. Not settings: another size gives other bits, so other exports and other identities.
     * <ul>
     * <li>Landmarks, 4: the study's eyes come from them, and a block's later retry rounds have few faces, where a call
     * costs the same however many of its faces are padding. The render stage on fer128-3k with detection took
     * 12.2-14.8 s at 16, 9.3-12.1 at 8, 8.8-11.3 at 4 and 9.8-11.0 at 2 (interleaved, docs/benchmarks.md).</li>
     * <li>Expressions, 4: 3.5 ms a face against 3.3 at 8 and 3.6 at 16, and a quarter of 16's cost for one face.</li>
     * <li>Recognition, 16: 10.2 ms a face against 12.4 at 8 and 17.2 at 4; identities describe every source of a
     * dataset, so the bulk rate matters more than one face in the inspector (about 0.16 s).</li>
     * </ul>
     * A call's activations grow with its size (at 16 faces, 16 x 72 x 72 x 32 floats in the recognition net, 10.6 MB)
     * and soon outgrow the CPU caches, so larger sizes gain little.
     */
    public static final int LANDMARK_BATCH = 4;
    public static final int EXPRESSION_BATCH = 4;
    public static final int RECOGNITION_BATCH = 16;

    static final int LANDMARK_INPUT = 112;
    static final int RECOGNITION_INPUT = 150;

    private final FaceNetModels.Predictors predictors;
    private final NDManager manager;
    private final org.ferworkbench.core.models.InputBuffer inputBuffer = new org.ferworkbench.core.models.InputBuffer(0);
    private float[] staging;

    /** With its own predictors on the shared models. */
    public FaceNets(FaceNetModels models) {
        this.predictors = models.newPredictors();
        this.manager = NDManager.newBaseManager("PyTorch");
        this.manager.setName("face-nets");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Landmarks

    /** The 68 landmarks of each face, in input order, in the coordinates of each face's image. */
    public List<Landmarks68> landmarks(List<FaceInImage> faces) {
        List<CropRegion> crops = crops(faces);
        float[] out = run(predictors.landmarks, faces, crops, LANDMARK_INPUT, 136, LANDMARK_BATCH);
        List<Landmarks68> result = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) result.add(toImage(out, i * 136, faces.get(i).box(), crops.get(i)));
        return Collections.unmodifiableList(result);
    }

    public List<Landmarks68> landmarks(RgbImage image, List<FaceBox> boxes) {
        return landmarks(inImage(image, boxes));
    }

    public Landmarks68 landmarks(RgbImage image, FaceBox box) {
        return landmarks(List.of(new FaceInImage(image, box))).get(0);
    }

    /**
     * The landmark net's raw output: per face 68 (x, y) pairs in the 112x112 input's pixels (padding included).
     * For tests that compare with face-api's own numbers before they are mapped to the image.
     */
    float[] landmarkInputPoints(List<FaceInImage> faces) {
        return run(predictors.landmarks, faces, crops(faces), LANDMARK_INPUT, 136, LANDMARK_BATCH);
    }

    /**
     * The rest of face-api's FaceLandmark68NetBase.postProcess, in float32 as there: remove the square padding
     * (assumed symmetric, as face-api does) and divide by the crop's size in input pixels; then (FaceLandmarks)
     * multiply by the crop's size in image pixels and add the crop's corner (face-api adds the box's: see
     * {@link Landmarks68}).
     */
    static Landmarks68 toImage(float[] out, int offset, FaceBox box, CropRegion crop) {
        int w = crop.width(), h = crop.height();
        double scale = (double) LANDMARK_INPUT / Math.max(h, w);
        double sw = w * scale, sh = h * scale;
        float padX = (float) (sw < sh ? Math.abs(sw - sh) / 2 : 0);
        float padY = (float) (sh < sw ? Math.abs(sw - sh) / 2 : 0);
        float fw = (float) sw, fh = (float) sh;
        List<Landmarks68.Point> points = new ArrayList<>(68);
        for (int k = 0; k < 68; k++) {
            float rx = (out[offset + 2 * k] - padX) / fw;
            float ry = (out[offset + 2 * k + 1] - padY) / fh;
            points.add(new Landmarks68.Point((double) rx * w + crop.x(), (double) ry * h + crop.y()));
        }
        return new Landmarks68(points, box, crop);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Expressions

    /** The expression probabilities of each face, in input order. */
    public List<FaceExpressions> expressions(List<FaceInImage> faces) {
        return collect(faces, predictors.expressions, LANDMARK_INPUT, 7, EXPRESSION_BATCH, FaceExpressions::of);
    }

    public List<FaceExpressions> expressions(RgbImage image, List<FaceBox> boxes) {
        return expressions(inImage(image, boxes));
    }

    public FaceExpressions expressions(RgbImage image, FaceBox box) {
        return expressions(List.of(new FaceInImage(image, box))).get(0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Descriptors

    /** The 128-D descriptor of each face, in input order. */
    public List<FaceDescriptor> descriptors(List<FaceInImage> faces) {
        return collect(faces, predictors.recognition, RECOGNITION_INPUT, FaceDescriptor.LENGTH, RECOGNITION_BATCH,
                FaceDescriptor::of);
    }

    public List<FaceDescriptor> descriptors(RgbImage image, List<FaceBox> boxes) {
        return descriptors(inImage(image, boxes));
    }

    public FaceDescriptor descriptor(RgbImage image, FaceBox box) {
        return descriptors(List.of(new FaceInImage(image, box))).get(0);
    }

    // ---------------------------------------------------------------------------------------------------------

    private <T> List<T> collect(List<FaceInImage> faces, Predictor<NDList, NDList> net, int size, int outputs,
                                int batch, BiFunction<float[], Integer, T> make) {
        float[] out = run(net, faces, crops(faces), size, outputs, batch);
        List<T> result = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) result.add(make.apply(out, i * outputs));
        return Collections.unmodifiableList(result);
    }

    private static List<FaceInImage> inImage(RgbImage image, List<FaceBox> boxes) {
        Objects.requireNonNull(image, "image");
        List<FaceInImage> faces = new ArrayList<>(boxes.size());
        for (FaceBox b : boxes) faces.add(new FaceInImage(image, b));
        return faces;
    }

    /** Every face's crop, computed before any net runs, so a box outside its image fails the call up front. */
    private static List<CropRegion> crops(List<FaceInImage> faces) {
        List<CropRegion> crops = new ArrayList<>(faces.size());
        for (FaceInImage f : faces) crops.add(CropRegion.of(f.box(), f.image().width(), f.image().height()));
        return crops;
    }

    /**
     * Runs {@code net} on all faces in calls of exactly {@code batch} faces, the last one padded with zero inputs;
     * returns the outputs of all faces, {@code outputs} floats each.
     */
    private float[] run(Predictor<NDList, NDList> net, List<FaceInImage> faces, List<CropRegion> crops, int size,
                        int outputs, int batch) {
        float[] result = new float[faces.size() * outputs];
        int perFace = size * size * 3;
        for (int start = 0, count; start < faces.size(); start += count) {
            count = Math.min(batch, faces.size() - start);
            float[] input = staging(batch * perFace);
            for (int j = 0; j < count; j++) {
                FaceInput.write(faces.get(start + j).image(), crops.get(start + j), size, input, j * perFace);
            }
            java.util.Arrays.fill(input, count * perFace, batch * perFace, 0f);
            float[] out = predict(net, input, new Shape(batch, size, size, 3));
            if (out.length != batch * outputs) {
                throw new IllegalStateException("unexpected net output size " + out.length + " for " + batch + " faces");
            }
            System.arraycopy(out, 0, result, start * outputs, count * outputs);
        }
        return result;
    }

    private float[] predict(Predictor<NDList, NDList> net, float[] input, Shape shape) {
        int length = (int) shape.size();
        ByteBuffer buf = inputBuffer.of(length * 4);
        FloatBuffer fb = buf.asFloatBuffer();
        fb.put(input, 0, length);
        try (NDManager scope = manager.newSubManager()) {
            // the tensor aliases the reusable direct buffer; it is closed with the scope before the buffer is reused
            NDArray x = scope.create(buf, shape, DataType.FLOAT32);
            NDList out = net.predict(new NDList(x));
            float[] result = out.get(0).toFloatArray();
            out.close();
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("face-api net inference failed: " + e.getMessage(), e);
        }
    }

    private float[] staging(int floats) {
        if (staging == null || staging.length < floats) staging = new float[floats];
        return staging;
    }

    @Override
    public void close() {
        predictors.close();
        manager.close();
    }
}
