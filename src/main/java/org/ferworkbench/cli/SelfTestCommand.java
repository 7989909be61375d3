package org.ferworkbench.cli;

import org.ferworkbench.core.progress.ProgressEvent;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.runtime.SelfTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code self-test} (also {@code fer-workbench --self-test}): checks an installation end to end, offline. Loads
 * OpenCV and the three MTCNN models, starts PyTorch (unpacking libtorch on a first start, with progress), runs the
 * detector and the aligner on a built-in photo, and prints versions and timings. Exit code 0 when everything
 * passed; 1 with the failed check and its reason otherwise.
 */
@Command(name = "self-test", mixinStandardHelpOptions = true,
        description = "Checks the installation: OpenCV, the MTCNN models, PyTorch, detection and alignment on a "
                + "built-in photo. Prints versions and timings; exit code 0 when all pass.")
public final class SelfTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // never download anything: a missing native library must be an error, not a silent fetch
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        out.println("FER Workbench self-test");
        out.flush();
        SelfTest.Report report = SelfTest.run(c -> {
            out.printf(Locale.ROOT, "  %-9s %-18s %6.2f s  %s%n", "[" + c.status() + "]", c.name(), c.seconds(), c.detail());
            out.flush();
        }, unpackProgress(err));
        out.println("Versions:");
        for (String v : report.versions()) out.println("  " + v);
        SelfTest.Check failed = report.firstFailure();
        if (failed == null) {
            out.printf(Locale.ROOT, "Self-test passed in %.2f s.%n", report.seconds());
            out.flush();
            return FerCli.OK;
        }
        out.flush();
        err.printf(Locale.ROOT, "Self-test FAILED at \"%s\": %s%n", failed.name(), failed.detail());
        err.flush();
        return FerCli.FAILED;
    }

    /** Unpack progress on stderr: a line every 10 %, so it reads well on a terminal and in a log. */
    static ProgressListener unpackProgress(PrintWriter err) {
        int[] lastDecile = {-1};
        return (ProgressEvent e) -> {
            if (!e.stage().equals(org.ferworkbench.core.runtime.EngineWarmup.STAGE_UNPACK)) return;
            int decile = e.total() > 0 ? (int) (10 * e.fraction()) : 0;
            synchronized (lastDecile) {
                if (decile == lastDecile[0]) return;
                lastDecile[0] = decile;
            }
            err.printf(Locale.ROOT, "  %s: %d of %d MB%n", e.stage(), e.done() >> 20, e.total() >> 20);
            err.flush();
        };
    }
}
