package org.ferworkbench.core.facenet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * The recognition net's 128 numbers for one face (dlib's face descriptor, not normalised). Two faces are the same
 * person when their Euclidean distance is below about {@value #SAME_PERSON_DISTANCE} (dlib's and face-api's
 * threshold). Immutable.
 */
public final class FaceDescriptor {

    public static final int LENGTH = 128;
    public static final double SAME_PERSON_DISTANCE = 0.6;

    private final float[] values;

    public FaceDescriptor(float[] values) {
        if (values.length != LENGTH) throw new IllegalArgumentException("expected 128 values, got " + values.length);
        this.values = values.clone();
    }

    static FaceDescriptor of(float[] all, int offset) {
        return new FaceDescriptor(Arrays.copyOfRange(all, offset, offset + LENGTH));
    }

    /** The values (a new array). */
    public float[] values() {
        return values.clone();
    }

    public float get(int i) {
        return values[i];
    }

    /** Euclidean distance, as face-api's euclideanDistance. */
    public double distance(FaceDescriptor other) {
        return Math.sqrt(squaredDistance(other));
    }

    /** The squared Euclidean distance: what clustering compares with a squared threshold, without a root. */
    public double squaredDistance(FaceDescriptor other) {
        double sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            double d = (double) values[i] - other.values[i];
            sum += d * d;
        }
        return sum;
    }

    /** Little-endian float32 bytes in base64, for caches: exact, and a quarter of the size of decimal text. */
    public String encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return Base64.getEncoder().withoutPadding().encodeToString(b.array());
    }

    /** @throws IllegalArgumentException when {@code text} is not what {@link #encode()} writes */
    public static FaceDescriptor decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("face descriptor is not base64");
        }
        if (bytes.length != LENGTH * 4) {
            throw new IllegalArgumentException("face descriptor needs " + LENGTH * 4 + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            v[i] = b.getFloat();
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("face descriptor holds a value that is not a number");
            }
        }
        return new FaceDescriptor(v);
    }

    public boolean samePerson(FaceDescriptor other) {
        return distance(other) < SAME_PERSON_DISTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceDescriptor d && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FaceDescriptor" + Arrays.toString(Arrays.copyOf(values, 4)).replace("]", ", ...]");
    }
}
