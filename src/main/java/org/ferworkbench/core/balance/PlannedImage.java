package org.ferworkbench.core.balance;

/** A train image to produce: the source as it is (copyIndex -1) or its copyIndex-th augmented copy. */
public record PlannedImage<T>(T source, int copyIndex) {
    public static final int ORIGINAL = -1;

    public boolean isCopy() {
        return copyIndex != ORIGINAL;
    }
}
