package org.ferworkbench.core.facenet;

/** The seven expressions of face-api's expression net, in its output order. */
public enum FaceExpression {
    NEUTRAL, HAPPY, SAD, ANGRY, FEARFUL, DISGUSTED, SURPRISED
}
