package org.ferworkbench.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The charset the command line prints in. Java's default charset follows the locale, and under {@code LC_ALL=C},
 * an empty environment (cron, containers, SLURM jobs) or a locale that is not installed it is ASCII: every
 * accented or CJK letter of a class or file name would print as '?'. There the command line writes UTF-8
 * instead, as Python does in its UTF-8 mode under the C locale; any other charset the user chose is kept.
 */
final class ConsoleCharset {
    private ConsoleCharset() { }

    /** {@code new PrintWriter(stream, true)}, but in {@link #choose}'s charset instead of the default one. */
    static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, choose(Charset.defaultCharset()))), true);
    }

    /** UTF-8 where the platform would print ASCII, else the platform's charset. */
    static Charset choose(Charset platform) {
        return platform.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : platform;
    }
}
