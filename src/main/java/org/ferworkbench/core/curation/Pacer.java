package org.ferworkbench.core.curation;

/**
 * Lets long background work give way: called between two units of work (images), it may wait, e.g. while the user
 * scrolls, so the work never competes with what the user is looking at. Must not wait for ever.
 */
@FunctionalInterface
public interface Pacer {
    Pacer NONE = () -> { };

    void yieldIfBusy() throws InterruptedException;
}
