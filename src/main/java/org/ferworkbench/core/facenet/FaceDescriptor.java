package org.ferworkbench.core.facenet;

import java.util.Arrays;

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
        double sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            double d = (double) values[i] - other.values[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
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
