package org.ferworkbench.core.balance;

/** One class in a balance plan: sources available, originals kept, augmented copies added, final count. */
public record ClassBalance(String className, int sources, int originalsKept, int copies) {
    public int total() {
        return originalsKept + copies;
    }
}
