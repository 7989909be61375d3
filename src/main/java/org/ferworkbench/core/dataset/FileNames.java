package org.ferworkbench.core.dataset;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * File names as text that does not depend on the locale, and back to paths without losing bytes.
 *
 * <p>On Linux a file name is bytes. Java turns them into a String with {@code sun.jnu.encoding}, which follows the
 * locale: under {@code LC_ALL=C}, an empty environment (cron, containers, SLURM jobs) or a locale that is not
 * installed it is ASCII, and every non-ASCII byte becomes U+FFFD; even under a UTF-8 locale, bytes that are not
 * valid UTF-8 become U+FFFD. {@code dir.resolve(thatString)} then throws (unmappable) or names another file. The
 * {@link Path} objects a directory listing hands out keep the raw bytes, so I/O must go through them; the text
 * shown to the user and used as a sample's identity comes from here.
 *
 * <p>The display rule (Linux and other Unix file systems): the name's bytes decoded as UTF-8; a byte that is not
 * part of a well-formed UTF-8 sequence is written {@code \xNN} (two lower-case hex digits), exactly what Python's
 * {@code bytes.decode("utf-8", "backslashreplace")} gives. A backslash that is in the name is left as it is, so a
 * valid name's display is the name itself (exports of ordinary datasets are unchanged); the price is that a file
 * literally named {@code a\xff.jpg} and one named a, byte 0xFF, .jpg display alike. On Windows names are UTF-16
 * and {@code toString()} is already exact.
 *
 * <p>The raw bytes come from {@link Path#toUri()}, which percent-encodes them, and go back through
 * {@link Path#of(URI)}, which decodes them: both public and independent of the locale. The URI route costs a
 * {@code stat} per call, so it is only taken when the locale's String is not known to be exact.
 */
public final class FileNames {
    private FileNames() { }

    private static final Charset JNU = jnuCharset();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The display name of a path's last element. */
    public static String of(Path path) {
        Path name = path.getFileName();
        if (name == null) return path.toString();
        String s = name.toString();
        if (!hasRawBytes(path) || isExact(s)) return s;
        return decode(rawName(path));
    }

    /**
     * A whole path as display text, e.g. a dataset folder in a message or a report; a relative path whose
     * {@code toString()} is not exact is shown made absolute.
     */
    public static String path(Path path) {
        String s = path.toString();
        if (!hasRawBytes(path) || isExact(s)) return s;
        return decode(absoluteBytes(path));
    }

    /**
     * The display names of {@code file}'s elements below {@code root}, joined with '/' (e.g. {@code anger/img.jpg});
     * {@code file} is {@code root} resolved with a relative path, as a listing or a file walk gives it.
     */
    public static String relative(Path root, Path file) {
        int depth = root.relativize(file).getNameCount();
        String[] names = new String[depth];
        Path p = file;
        for (int i = depth - 1; i >= 0; i--) {
            names[i] = of(p);
            p = p.getParent();
        }
        return String.join("/", names);
    }

    /**
     * {@code dir/name} for a name made by the program (a class folder, an export folder, a PNG file) that goes to
     * disk as UTF-8 whatever the locale, so a display name can be written out under {@code LC_ALL=C}.
     */
    public static Path child(Path dir, String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a single file name: " + name);
        }
        if (!hasRawBytes(dir) || isEncodable(name)) return dir.resolve(name);
        return dir.resolve(element(name.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The sibling of {@code path} named {@code prefix}, then path's name (the same bytes), then {@code suffix}
     * (e.g. {@code <dataset>.fer-workbench} or {@code .<export>.partial-1234}).
     */
    public static Path sibling(Path path, String prefix, String suffix) {
        String name = path.getFileName().toString();
        if (!hasRawBytes(path) || (isExact(name) && isEncodable(prefix + suffix))) {
            return path.resolveSibling(prefix + name + suffix);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(rawName(path));
        bytes.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return path.resolveSibling(element(bytes.toByteArray()));
    }

    /**
     * The sibling of {@code path} whose name is path's name (its bytes) without the first {@code front} and the last
     * {@code back} bytes: the inverse of {@link #sibling(Path, String, String)} for an ASCII prefix and suffix.
     */
    public static Path trimmedSibling(Path path, int front, int back) {
        String name = path.getFileName().toString();
        if (!hasRawBytes(path) || isExact(name)) {
            return path.resolveSibling(name.substring(front, name.length() - back));
        }
        byte[] raw = rawName(path);
        return path.resolveSibling(element(Arrays.copyOfRange(raw, front, raw.length - back)));
    }

    /** Bytes as UTF-8, each byte outside a well-formed sequence as {@code \xNN}. */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);   // UTF-8 never gives more chars than bytes
        StringBuilder text = new StringBuilder(bytes.length + 8);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            text.append(out.flip());
            out.clear();
            if (r.isUnderflow()) break;
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    int b = in.get() & 0xFF;
                    text.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
                }
            }
        }
        return text.toString();
    }

    /**
     * True when {@code toString()} of a name is its bytes exactly: the platform decodes UTF-8 and nothing was
     * replaced by U+FFFD, or the name is plain ASCII under an ASCII or UTF-8 platform encoding (a name that
     * really contains U+FFFD takes the slow route, and comes out the same).
     */
    private static boolean isExact(String s) {
        if (JNU.equals(StandardCharsets.UTF_8)) return s.indexOf('\uFFFD') < 0;
        return (JNU.equals(StandardCharsets.US_ASCII)) && isAscii(s);
    }

    /** True when {@code dir.resolve(name)} writes the name's UTF-8 bytes. */
    private static boolean isEncodable(String s) {
        return JNU.equals(StandardCharsets.UTF_8) ? !hasLoneSurrogate(s) : JNU.equals(StandardCharsets.US_ASCII) && isAscii(s);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return true;
        }
        return false;
    }

    /** Paths of the default file system on a Unix-like OS: names are bytes that toString() may not show exactly. */
    private static boolean hasRawBytes(Path path) {
        return File.separatorChar == '/' && path.getFileSystem() == FileSystems.getDefault();
    }

    /** The bytes of a path's last element. */
    private static byte[] rawName(Path path) {
        byte[] all = absoluteBytes(path);
        int start = all.length;
        while (start > 0 && all[start - 1] != '/') start--;
        return Arrays.copyOfRange(all, start, all.length);
    }

    /** The bytes of a path made absolute, from its percent-encoded URI (toUri leaves only ASCII unescaped). */
    private static byte[] absoluteBytes(Path path) {
        String uri = path.toUri().getRawPath();
        int end = uri.length() > 1 && uri.endsWith("/") ? uri.length() - 1 : uri.length();   // a folder's URI ends in '/'
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end);
        for (int i = 0; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(uri, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** A one-element relative path with exactly these bytes as its name. */
    private static Path element(byte[] raw) {
        StringBuilder uri = new StringBuilder("file:///");
        for (byte b : raw) {
            int v = b & 0xFF;
            uri.append('%').append(HEX[v >> 4]).append(HEX[v & 0xF]);
        }
        return Path.of(URI.create(uri.toString())).getFileName();
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;   // unknown: a charset no fast route trusts, so names take the URI route
        }
    }
}
