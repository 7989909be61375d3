package org.ferworkbench.core.dataset;

/** The dataset as a whole cannot be used (missing folder, no classes, a class too small to split...). */
public class DatasetException extends Exception {
    public DatasetException(String message) {
        super(message);
    }
}
