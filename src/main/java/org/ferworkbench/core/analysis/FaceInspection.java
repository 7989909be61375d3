package org.ferworkbench.core.analysis;

import org.ferworkbench.core.facenet.Landmarks68;

/** One face up close: the 68 landmarks the analysis started from, and the analysis. */
public record FaceInspection(Landmarks68 landmarks, FaceAnalysis analysis) { }
