package org.ferworkbench.core.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong inside a decode into one short line for the manifest and the user. OpenCV's exceptions
 * carry the native build path, line and function and span lines: "cv::Exception: OpenCV(4.9.0)
 * /home/.../resize.cpp:4155: error: (-215:Assertion failed) inv_scale_x > 0 in function 'resize'\n", or, from its
 * CV_Check macros, "... error: (-2:Unspecified error) in function '...' \n> Invalid number of channels in input
 * image:\n>     'VScn::contains(scn)'\n> where\n>     'scn' is 1\n". Only the kind of error and what it says
 * are kept: "Assertion failed: inv_scale_x > 0".
 */
final class DecodeFailures {
    /** Longer reasons are cut: a manifest line, not a report. */
    static final int MAX_LENGTH = 160;

    private static final Pattern OPENCV = Pattern.compile("error: \\(-?\\d+:([^)]*)\\)(.*)", Pattern.DOTALL);
    /** The C++ function, up to the quote that ends its line (C++ signatures contain no quotes of their own). */
    private static final Pattern FUNCTION = Pattern.compile("\\s*in function '.*?'(?=[ \\t]*(?:\\R|$))", Pattern.DOTALL);
    /** The "> " that starts each continuation line of a CV_Check message. */
    private static final Pattern QUOTE_MARK = Pattern.compile("(?m)^\\s*>");

    private DecodeFailures() { }

    static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        Matcher cv = OPENCV.matcher(message);
        if (!cv.find()) return oneLine(message);
        String detail = QUOTE_MARK.matcher(FUNCTION.matcher(cv.group(2)).replaceFirst("")).replaceAll(" ");
        return oneLine(cv.group(1).strip() + (detail.isBlank() ? "" : ": " + detail));
    }

    /** Whitespace runs (newlines included) become one space, and the whole is cut to {@link #MAX_LENGTH}. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }
}
