package org.ferworkbench.core.image;

/** An image that cannot be turned into pixels; the message is a reason fit for a user and the manifest. */
public class ImageDecodeException extends Exception {
    public ImageDecodeException(String reason) {
        super(reason);
    }
}
