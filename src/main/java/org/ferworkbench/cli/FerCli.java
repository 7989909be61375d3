package org.ferworkbench.cli;

import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.runtime.BatchJvm;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line front end: thin commands over the core pipeline, with exit codes 0 ok, 1 failed, 2 bad input.
 * Before a {@link BatchCommand} runs, the JVM is tuned for it here, once.
 */
@Command(name = "fer-workbench", mixinStandardHelpOptions = true, versionProvider = FerCli.VersionProvider.class,
        description = "Turns a folder-per-class facial-expression dataset into training-ready arrays.",
        subcommands = {StatsCommand.class, PrepareCommand.class, MergeCommand.class, AuditCommand.class, DetectCommand.class, BenchmarkCommand.class, SelfTestCommand.class})
public final class FerCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static int run(String... args) {
        return run(ConsoleCharset.writer(System.out), ConsoleCharset.writer(System.err), args);
    }

    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(out, err, PipelineFactory.standard(() -> new DetectionCache(DetectionCache.defaultDirectory())), args);
    }

    /** As {@link #run(java.io.PrintWriter, java.io.PrintWriter, String...)}, with the pipelines prepare runs (tests hand in their own). */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, PipelineFactory pipelines, String... args) {
        // a worker that runs out of memory is reported once, by the command, as one sentence (not a trace per thread)
        Thread.UncaughtExceptionHandler fallback = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (outOfMemory(e)) return;
            if (fallback != null) fallback.uncaughtException(t, e);
            else t.getThreadGroup().uncaughtException(t, e);
        });
        CommandLine cli = commandLine(pipelines);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (outOfMemory(ex)) throw ex; // reported below, once the command's memory is free again
            cmd.getErr().println("Error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return FAILED;
        });
        cli.setExecutionStrategy(parsed -> {
            BatchCommand batch = batchCommandOf(parsed);
            if (batch != null) batch.tuned(BatchJvm.tuneInBackground());
            return new CommandLine.RunLast().execute(parsed);
        });
        // made now: when memory has run out, building the sentence could fail too
        String outOfMemory = "Error: " + outOfMemoryMessage();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            reportOutOfMemory(err, outOfMemory);
            return FAILED;
        } catch (RuntimeException e) {
            if (!outOfMemory(e)) throw e;
            reportOutOfMemory(err, outOfMemory);
            return FAILED;
        }
    }

    /** The command tree, its commands made by the composition root below. */
    static CommandLine commandLine(PipelineFactory pipelines) {
        return new CommandLine(new FerCli(), new Commands(pipelines));
    }

    /**
     * The batch command a parsed command line runs (see {@link BatchCommand}), or null: no command, another command,
     * or only its help or version asked for.
     */
    static BatchCommand batchCommandOf(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (true) {
            if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) return null;
            if (!leaf.hasSubcommand()) break;
            leaf = leaf.subcommand();
        }
        return leaf.commandSpec().userObject() instanceof BatchCommand batch ? batch : null;
    }

    private static void reportOutOfMemory(java.io.PrintWriter err, String message) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                err.println(message);
                err.flush();
                return;
            } catch (OutOfMemoryError stillFull) {
                // workers of the failed command may still be finishing their last image: give them a moment
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
        }
        return false;
    }

    /** One sentence: what ran out and how to give more (the stack trace of an OutOfMemoryError helps nobody). */
    static String outOfMemoryMessage() {
        long max = Runtime.getRuntime().maxMemory() >> 20;
        return "Java ran out of memory (the heap may use at most " + max + " MB). Give it more, e.g. java -Xmx4g -jar "
                + "fer-workbench.jar ... (installed app: JAVA_TOOL_OPTIONS=-Xmx4g fer-workbench ...), or use fewer --threads.";
    }

    /** Makes the commands (the composition root of the command line): prepare and stats get the pipelines from here. */
    private record Commands(PipelineFactory pipelines) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == PrepareCommand.class) return type.cast(new PrepareCommand(pipelines));
            if (type == StatsCommand.class) return type.cast(new StatsCommand(pipelines));
            return CommandLine.defaultFactory().create(type);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"fer-workbench " + org.ferworkbench.core.runtime.Version.current()};
        }
    }
}
