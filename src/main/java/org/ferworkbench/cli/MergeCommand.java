package org.ferworkbench.cli;

import org.ferworkbench.core.export.ExportException;
import org.ferworkbench.core.export.OutputRefusedException;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.shard.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * {@code merge <shard>... --out <dir>}: the shard folders of {@code prepare --shard K/N}, put together into the export
 * a single prepare writes (see {@link ShardMerge}). Exit codes: 0 done, 1 failed, 2 shards or output refused, 130/143
 * stopped by Ctrl-C/SIGTERM (nothing written).
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Puts the shard folders of prepare --shard K/N together into one export, byte for byte the one a "
                + "single prepare of the same dataset and settings writes.",
                "Checks first that the shards are the parts of one plan (same dataset, settings and tool version), each "
                        + "given once and none missing."})
final class MergeCommand implements Callable<Integer>, BatchCommand {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<shard>", description = "The shard folders, in any order.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Output folder: a new folder, or an earlier export of this tool with --overwrite.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier export of this tool in --out, once the merge is complete.")
    boolean overwrite;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancellation = new Cancellation();
        try (Interrupts interrupts = Interrupts.install(cancellation)) {
            try {
                ShardMerge.Result r = ShardMerge.merge(shards, this.out, overwrite, ConsoleProgress.forStderr(), cancellation);
                r.housekeeping().forEach(n -> out.println("Note: " + n));
                out.printf(Locale.ROOT, "Merged %d shard(s), %,d rows, into %s in %.1f s%n%n", r.shards(), r.rows(), r.output(),
                        r.seconds());
                PrepareCommand.printClasses(out, r.classes());
                r.notes().forEach(n -> out.println("Note: " + n));
                out.flush();
                return FerCli.OK;
            } catch (CancellationException e) {
                String signal = interrupts.received();
                err.println((signal == null ? "Cancelled" : Interrupts.describe(signal)) + ": the merge stopped and its "
                        + "unfinished files were removed; nothing was written to " + this.out.toAbsolutePath().normalize());
                err.flush();
                return signal == null ? FerCli.FAILED : Interrupts.exitCodeOf(signal);
            } catch (ShardMerge.ShardsRefusedException | OutputRefusedException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.BAD_INPUT);
            } catch (ExportException e) {
                return CliErrors.report(err, e, verbose.on, FerCli.FAILED);
            }
        }
    }
}
