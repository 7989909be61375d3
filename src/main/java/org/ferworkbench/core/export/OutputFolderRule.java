package org.ferworkbench.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for where an export may go, used by the command line and the desktop app alike. An export may
 * replace only an earlier export of this tool (recognised by {@link ExportFolder}, and only when the user asked to
 * replace it); it may never be, lie inside, or contain the dataset or any other folder or file the user keeps
 * (the review workspace, a decisions or settings file). Paths are compared as the file system sees them: symbolic
 * links, {@code ..} and {@code .} are resolved, and "the same folder" means the same file-system object, so a
 * different spelling on a case-insensitive file system or a link to the dataset is caught too.
 */
public final class OutputFolderRule {
    /** A path the export must stay clear of, with what it is called in messages (e.g. "the dataset"). */
    public record Kept(String what, Path path) { }

    private OutputFolderRule() { }

    /**
     * Checks an output folder before anything is read or written.
     *
     * @param replace whether the user allows replacing an earlier export in that folder
     * @throws OutputRefusedException with one sentence naming the folder and the reason
     */
    public static void check(Path output, boolean replace, List<Kept> kept) throws OutputRefusedException {
        Path out = output.toAbsolutePath().normalize();
        for (Kept k : kept) {
            if (k.path() == null || !Files.exists(k.path())) continue;
            Optional<String> clash = clash(output, k.path());
            if (clash.isPresent()) {
                throw new OutputRefusedException("Refusing to export to " + out + ": it " + clash.get() + " " + k.what() + " "
                        + k.path().toAbsolutePath().normalize() + " (choose a folder outside it)");
            }
        }
        if (Files.isSymbolicLink(out)) {
            throw new OutputRefusedException("Refusing to export to " + out + ": it is a symbolic link (give the real folder)");
        }
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException("Refusing to export to " + out + ": it is a file, not a folder");
        }
        Optional<String> notExport = ExportFolder.whyNotAnExport(out);
        if (notExport.isPresent()) {
            throw new OutputRefusedException("Refusing to export to " + out + ": the folder exists and " + notExport.get()
                    + "; only an earlier export of this tool is ever replaced (choose a new folder)");
        }
        if (!replace) {
            throw new OutputRefusedException("Output folder already holds an earlier export: " + out
                    + " (add --overwrite to replace it once the new export is complete, or choose another folder)");
        }
    }

    /**
     * How an output folder would collide with a kept path: "is", "is inside" or "contains" it, or empty when they are
     * apart. The output need not exist: its nearest existing ancestor is resolved, the rest cannot hold links.
     */
    static Optional<String> clash(Path output, Path keptPath) {
        try {
            Path kept = keptPath.toRealPath();
            Path out = realPathAsFarAsItExists(output);
            // the output, or a folder above it, is the kept path: the export would land in it
            for (Path p = out; p != null; p = p.getParent()) {
                if (sameFile(p, kept)) return Optional.of(p.equals(out) ? "is" : "is inside");
            }
            // the output is a folder above the kept path: replacing it would delete it
            if (Files.exists(out)) {
                for (Path p = kept.getParent(); p != null; p = p.getParent()) {
                    if (sameFile(p, out)) return Optional.of("contains");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            // cannot tell: refuse rather than risk the user's files
            return Optional.of("cannot be told apart (" + IoMessages.describe(e) + ") from");
        }
    }

    /** The real path of the longest existing prefix of {@code p}, with the remaining (not yet existing) names appended. */
    static Path realPathAsFarAsItExists(Path p) throws IOException {
        Path abs = p.toAbsolutePath();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs.normalize();
        Path rest = existing.relativize(abs);
        return existing.toRealPath().resolve(rest).normalize();
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.exists(a) && Files.isSameFile(a, b);
    }
}
