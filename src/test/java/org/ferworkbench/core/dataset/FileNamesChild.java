package org.ferworkbench.core.dataset;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by {@link FileNamesTest} in a JVM with another locale: prints what FileNames makes of every file under a
 * dataset, and writes two names into a folder: a non-ASCII one, and a sibling of a name that is not UTF-8.
 * Arguments: dataset folder, output folder (both ASCII paths).
 */
public final class FileNamesChild {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        // UTF-8 whatever the locale: the parent compares text, not what this JVM's console would make of it
        PrintStream print = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        print.println("jnu " + System.getProperty("sun.jnu.encoding"));
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> lines.add("file " + FileNames.relative(root, p)));
        }
        try (Stream<Path> list = Files.list(root)) {
            list.forEach(p -> lines.add("path " + FileNames.path(p).substring(FileNames.path(root).length())));
        }
        lines.sort(null);
        lines.forEach(print::println);
        Files.writeString(FileNames.child(out, "é表情😀.txt"), "made by the child");
        try (Stream<Path> list = Files.list(out)) {
            for (Path p : list.toList()) Files.createDirectory(FileNames.sibling(p, ".", ".fer-workbench"));
        }
    }
}
