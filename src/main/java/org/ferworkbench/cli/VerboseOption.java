package org.ferworkbench.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, for the commands that report errors as one sentence (a mixin: declared here only). */
final class VerboseOption {
    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean on;
}
