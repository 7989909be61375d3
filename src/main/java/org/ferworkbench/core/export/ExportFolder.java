package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a finished export folder holds, and how an earlier export of this tool is recognised: by its content, never
 * by its name or by the fact that it exists. Every export gets a marker file, written last (after the arrays and
 * the metadata, just before the staging folder is renamed into place), and holds nothing but the files an export
 * writes. A folder that lacks the marker, lacks a metadata file, or holds anything else (the user's notes, photos,
 * a dataset) is not an export, so nothing may replace it.
 */
public final class ExportFolder {
    /** Written last into every export; its presence means the export was complete when it was moved into place. */
    public static final String MARKER = ".fer-workbench-export";

    /** A shard's description (its part of an export, and the plan it belongs to): see core/shard. */
    public static final String SHARD_HEADER = "shard.json";
    /** A shard's rendered rows: see core/shard. */
    public static final String SHARD_ROWS = "rows.bin";

    private static final Set<String> REQUIRED = Set.of("classes.json", "config.json", "manifest.csv", "summary.json", MARKER);
    private static final Set<String> KNOWN = Set.of("x_train.npy", "x_test.npy", "y_train.npy", "y_test.npy",
            "classes.json", "config.json", "manifest.csv", "attempts.csv", "summary.json", "dataset.npz", "png", MARKER);
    /** A shard of an export (prepare --shard): the folder a merge reads, which a later shard run may replace. */
    private static final Set<String> SHARD = Set.of(SHARD_HEADER, SHARD_ROWS, MARKER);

    private ExportFolder() { }

    /** Writes the marker into a complete export or shard (the last file written). */
    static void markComplete(Path folder, String version, String what) throws IOException {
        String text = "{\"tool\": \"FER Workbench\", \"version\": \"" + version.replace("\"", "") + "\", \"format\": 1}\n"
                + "This folder is a complete " + what + " of FER Workbench. A later run with --overwrite may replace it.\n";
        Files.write(folder.resolve(MARKER), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the folder is a complete export or shard of this tool, which --overwrite may replace. */
    public static boolean isExport(Path folder) {
        return whyNotAnExport(folder).isEmpty();
    }

    /** Why the folder is not a complete shard (prepare --shard) of this tool (one clause), or empty when it is one. */
    public static Optional<String> whyNotAShard(Path folder) {
        Optional<String> why = whyNotAnExport(folder);
        if (why.isPresent()) return why;
        return Files.isRegularFile(folder.resolve(SHARD_HEADER)) ? Optional.empty()
                : Optional.of("it is an export, not a shard (prepare --shard K/N writes shards)");
    }

    /**
     * Why the folder is not a complete export or shard of this tool (one clause), or empty when it is one: what
     * --overwrite may replace.
     */
    public static Optional<String> whyNotAnExport(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(Files.isSymbolicLink(folder) ? "it is a symbolic link" : "it is not a folder");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(folder)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return Optional.of("its content cannot be listed (" + IoMessages.describe(e) + ")");
        }
        if (names.isEmpty()) return Optional.of("it is an empty folder, not an export of FER Workbench");
        if (!names.contains(MARKER)) {
            return Optional.of("it has no " + MARKER + " marker, so it is not a complete export of FER Workbench");
        }
        boolean shard = names.contains(SHARD_HEADER);
        Set<String> missing = new TreeSet<>(shard ? SHARD : REQUIRED);
        missing.removeAll(names);
        if (!missing.isEmpty()) return Optional.of("it lacks " + String.join(", ", missing) + " of " + (shard ? "a shard" : "an export"));
        List<String> foreign = new ArrayList<>();
        for (String n : names) {
            Path p = folder.resolve(n);
            boolean expected = (shard ? SHARD : KNOWN).contains(n) && (n.equals("png")
                    ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            if (!expected) foreign.add(n);
        }
        if (foreign.isEmpty() && names.contains("png")) foreign.addAll(foreignInPngTree(folder.resolve("png")));
        if (!foreign.isEmpty()) {
            return Optional.of("it holds files an export does not write (" + preview(foreign) + ")");
        }
        return Optional.empty();
    }

    /** Entries of png/ other than png/<split>/<class>/<file>.png, which is all an export writes there. */
    private static List<String> foreignInPngTree(Path png) {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> all = Files.walk(png)) {
            all.forEach(p -> {
                int depth = png.relativize(p).getNameCount();
                if (p.equals(png)) return;
                boolean ok = depth < 3 ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        : depth == 3 && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && p.getFileName().toString().endsWith(".png");
                if (!ok) foreign.add("png/" + png.relativize(p).toString().replace('\\', '/'));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            foreign.add("png/ (cannot be listed)");
        }
        return foreign;
    }

    private static String preview(List<String> names) {
        int shown = Math.min(3, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
