package org.ferworkbench.core.export;

import java.util.Locale;
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

    static String lockName(String target) {
        return "." + target + ".lock";
    }

    /** A fresh helper name of the given kind ({@link #PARTIAL} or {@link #OLD}). */
    static String fresh(String target, String kind) {
        return "." + target + "." + kind + "-" + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
    }

    /** The export target a staging or swapped-out folder name belongs to, if it is one (the lock file is not). */
    static java.util.Optional<String> targetOf(String candidate) {
        for (String kind : new String[]{PARTIAL, OLD}) {
            int cut = candidate.length() - kind.length() - 10; // ".<kind>-" plus 8 digits
            if (cut > 1 && candidate.startsWith(".")) {
                String target = candidate.substring(1, cut);
                if (isHelper(candidate, target, kind)) return java.util.Optional.of(target);
            }
        }
        return java.util.Optional.empty();
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
