package org.ferworkbench;

import javafx.application.Application;
import org.ferworkbench.cli.FerCli;
import org.ferworkbench.ui.app.App;

/**
 * Entry point of the jar. With a command (stats, prepare, detect, ...) it runs the command line; without one
 * it starts the desktop workbench; {@code --self-test} checks the installation. A plain class (not an Application)
 * so the JavaFX runtime on the class path is found.
 */
public final class Launcher {
    private Launcher() { }

    /** {@code --self-test} (what installers document) is the {@code self-test} command. */
    public static String[] cliArguments(String[] args) {
        if (args.length > 0 && args[0].equals("--self-test")) {
            String[] a = args.clone();
            a[0] = "self-test";
            return a;
        }
        return args;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(App.class, args);
            return;
        }
        System.exit(FerCli.run(cliArguments(args)));
    }
}
