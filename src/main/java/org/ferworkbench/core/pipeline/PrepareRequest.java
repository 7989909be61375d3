package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.settings.PrepareConfig;

import org.ferworkbench.core.export.OutputFolderRule;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ferworkbench.core.plan.EmptyClassPolicy;
import org.ferworkbench.core.plan.GroupDecisions;

/**
 * One export to run: dataset, output folder, config, worker threads, and the relative paths rejected in
 * review (excluded after the split, so a rejection never moves other images between train and test).
 *
 * @param overwrite  whether an earlier export of this tool in {@code output} may be replaced
 * @param kept       besides the dataset, what the output must stay clear of (review workspace, decisions, settings file)
 * @param emptyClass what to do with a class that has no usable image left (unreadable or rejected)
 * @param groups     the review's decisions on groups (not duplicates, not this person, same person)
 */
public record PrepareRequest(Path dataset, Path output, boolean overwrite, PrepareConfig config, int threads,
                             Set<String> rejected, List<OutputFolderRule.Kept> kept, EmptyClassPolicy emptyClass,
                             GroupDecisions groups) {
    public PrepareRequest {
        if (groups == null) groups = GroupDecisions.NONE;
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        rejected = rejected == null ? Set.of() : Set.copyOf(rejected);
        kept = kept == null ? List.of() : List.copyOf(kept);
        if (emptyClass == null) emptyClass = EmptyClassPolicy.FAIL;
    }

    public PrepareRequest(Path dataset, Path output, boolean overwrite, PrepareConfig config, int threads,
                          Set<String> rejected, List<OutputFolderRule.Kept> kept, EmptyClassPolicy emptyClass) {
        this(dataset, output, overwrite, config, threads, rejected, kept, emptyClass, GroupDecisions.NONE);
    }

    public PrepareRequest withGroups(GroupDecisions decisions) {
        return new PrepareRequest(dataset, output, overwrite, config, threads, rejected, kept, emptyClass, decisions);
    }

    public PrepareRequest(Path dataset, Path output, boolean overwrite, PrepareConfig config, int threads, Set<String> rejected) {
        this(dataset, output, overwrite, config, threads, rejected, List.of(), EmptyClassPolicy.FAIL);
    }

    /** Everything the output must stay clear of: the dataset first, then {@link #kept()}. */
    public List<OutputFolderRule.Kept> keptPaths() {
        return keptPaths(dataset, kept);
    }

    /** The dataset, then the other kept paths: what an export of {@code dataset} must stay clear of. */
    public static List<OutputFolderRule.Kept> keptPaths(Path dataset, List<OutputFolderRule.Kept> kept) {
        List<OutputFolderRule.Kept> all = new java.util.ArrayList<>();
        all.add(new OutputFolderRule.Kept("the dataset", dataset));
        all.addAll(kept);
        return all;
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
