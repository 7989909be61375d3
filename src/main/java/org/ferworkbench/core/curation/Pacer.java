package org.ferworkbench.core.curation;

/**
 * Lets long background work give way: called between two units of work (images), it may wait, e.g. while the user
 * scrolls, so the work never competes with what the user is looking at. Must not wait for ever.
 */
@FunctionalInterface
public interface Pacer {
    Pacer NONE = () -> { };

    void yieldIfBusy() throws InterruptedException;

    /** Whether the user is busy now: background work then takes one core, not all of them. */
    default boolean busy() {
        return false;
    }
}
