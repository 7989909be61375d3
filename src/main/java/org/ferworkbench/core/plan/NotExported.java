package org.ferworkbench.core.plan;

import org.ferworkbench.core.face.FaceDetection;

/**
 * A file of the dataset that gets no row, and why: {@code status} is unreadable, skipped, rejected, dropped (by the
 * face policy; then {@code faceCount} and {@code chosen} say what was found) or not used (left out to meet a fixed
 * balance target). {@code split} is "train", "test" or "" (before the split); {@code label} -1 when it has none.
 */
public record NotExported(String split, int label, String className, String relativePath, String sha256, String status,
                          String reason, int faceCount, FaceDetection chosen) { }
