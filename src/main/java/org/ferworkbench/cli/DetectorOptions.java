package org.ferworkbench.cli;

import org.ferworkbench.core.face.MtcnnParameters;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.settings.PrepareConfigBuilder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * MTCNN's parameters as options, for detect, prepare and benchmark prepare (a mixin: declared here only). The
 * fields are read through {@link OptionSettings}, each option by the setting of its name, and checked by core.
 */
final class DetectorOptions {
    @Spec
    CommandSpec spec;

    @Option(names = "--min-face", paramLabel = "PX", description = "MTCNN minimum face size in pixels (default 20).")
    String minFace;

    @Option(names = "--thresholds", paramLabel = "P,R,O", description = "MTCNN P-/R-/O-Net thresholds (default 0.6,0.7,0.7).")
    String thresholds;

    @Option(names = "--factor", paramLabel = "F", description = "MTCNN pyramid factor (default 0.709).")
    String factor;

    /** The detector's parameters: MTCNN's defaults with the options given. */
    MtcnnParameters parameters() {
        PrepareConfigBuilder settings = PrepareConfig.builder();
        OptionSettings.apply(spec, settings);
        return OptionSettings.build(settings).face().detector();
    }
}
