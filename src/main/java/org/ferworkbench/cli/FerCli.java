package org.ferworkbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line front end: thin commands over the core pipeline, with exit codes 0 ok, 1 failed, 2 bad input. */
@Command(name = "fer-workbench", mixinStandardHelpOptions = true, versionProvider = FerCli.VersionProvider.class,
        description = "Turns a folder-per-class facial-expression dataset into training-ready arrays.",
        subcommands = {StatsCommand.class, PrepareCommand.class, DetectCommand.class, BenchmarkCommand.class, SelfTestCommand.class})
public final class FerCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static int run(String... args) {
        return run(ConsoleCharset.writer(System.out), ConsoleCharset.writer(System.err), args);
    }

    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new FerCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("Error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return FAILED;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"fer-workbench " + org.ferworkbench.core.pipeline.Version.current()};
        }
    }
}
