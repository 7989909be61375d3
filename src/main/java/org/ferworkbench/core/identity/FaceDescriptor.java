package org.ferworkbench.core.identity;

import java.util.Arrays;
import java.util.Base64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A face's 128-number descriptor (the dlib-compatible face recognition net): two faces of one person lie closer
 * than about 0.6 in Euclidean distance, two people farther.
 */
public record FaceDescriptor(float[] values) {
    public static final int SIZE = 128;

    public FaceDescriptor {
        if (values == null || values.length != SIZE) throw new IllegalArgumentException("a face descriptor has " + SIZE + " values");
        values = values.clone();
    }

    /** A copy: the descriptor stays immutable. */
    @Override
    public float[] values() {
        return values.clone();
    }

    float at(int i) {
        return values[i];
    }

    public double distance(FaceDescriptor other) {
        return Math.sqrt(squaredDistance(other));
    }

    double squaredDistance(FaceDescriptor other) {
        double sum = 0;
        for (int i = 0; i < SIZE; i++) {
            double d = values[i] - other.values[i];
            sum += d * d;
        }
        return sum;
    }

    /** Little-endian float32 bytes in base64, for caches: exact, and a quarter of the size of decimal text. */
    public String encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE * 4).order(ByteOrder.LITTLE_ENDIAN);
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
        if (bytes.length != SIZE * 4) throw new IllegalArgumentException("face descriptor needs " + SIZE * 4 + " bytes, got " + bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = b.getFloat();
            if (!Float.isFinite(v[i])) throw new IllegalArgumentException("face descriptor holds a value that is not a number");
        }
        return new FaceDescriptor(v);
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
