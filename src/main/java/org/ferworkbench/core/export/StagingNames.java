package org.ferworkbench.core.export;

import org.ferworkbench.core.dataset.FileNames;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of the hidden helpers beside an export target {@code <name>}: the staging folder a new export is written
 * into ({@code .<name>.partial-<8 hex digits>}), the earlier export while it is swapped out ({@code .<name>.old-<8 hex
 * digits>}) and the lock file ({@code .<name>.lock}). Leftovers are recognised by comparing names exactly, never by
 * a pattern built from the user's folder name (a name such as {@code x*} or {@code x{a} is just text here).
 */
public final class StagingNames {
    static final String PARTIAL = "partial";
    static final String OLD = "old";

    private StagingNames() { }

    /** The lock file beside {@code target} (named from the target's bytes, which the locale may not show). */
    static Path lockFile(Path target) {
        return FileNames.sibling(target, ".", ".lock");
    }

    /** A fresh helper beside {@code target} of the given kind ({@link #PARTIAL} or {@link #OLD}). */
    static Path fresh(Path target, String kind) {
        return FileNames.sibling(target, ".", "." + kind + "-" + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt()));
    }

    /** The export target a staging or swapped-out folder belongs to, if it is one (the lock file is not). */
    static Optional<Path> targetOf(Path helper) {
        String candidate = FileNames.of(helper);
        for (String kind : new String[]{PARTIAL, OLD}) {
            int suffix = kind.length() + 10; // ".<kind>-" plus 8 digits
            int cut = candidate.length() - suffix;
            if (cut > 1 && candidate.startsWith(".") && isHelper(candidate, candidate.substring(1, cut), kind)) {
                return Optional.of(FileNames.trimmedSibling(helper, 1, suffix));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code candidate} is exactly a helper name of the given kind for {@code target}. */
    static boolean isHelper(String candidate, String target, String kind) {
        String prefix = "." + target + "." + kind + "-";
        if (!candidate.startsWith(prefix) || candidate.length() != prefix.length() + 8) return false;
        for (int i = prefix.length(); i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }
}
