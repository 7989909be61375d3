package org.ferworkbench.core.progress;

/** Receives progress from long work. Called from worker threads: front ends re-post to their own thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = event -> { };

    void onProgress(ProgressEvent event);
}
