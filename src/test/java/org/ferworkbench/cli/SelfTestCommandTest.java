package org.ferworkbench.cli;

import org.ferworkbench.Launcher;
import org.ferworkbench.core.face.MtcnnModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SelfTestCommandTest {
    @TempDir
    Path tmp;

    static CliRun cli(String... args) {
        return CliRun.of(Launcher.cliArguments(args));
    }

    @Test
    void selfTestDetectsAndAlignsTheBuiltInFaceAndPrintsVersionsAndTimings() {
        CliRun r = cli("--self-test");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("\\[PASS\\] +OpenCV +\\d+\\.\\d\\d s +OpenCV 4\\.9\\.0")
                .contains("pnet.pt", "rnet.pt", "onet.pt")
                .containsPattern("\\[PASS\\] +PyTorch engine .*PyTorch 2\\.7\\.1 via DJL 0\\.36\\.0")
                .contains("P-Net, R-Net and O-Net loaded")
                .containsPattern("\\[PASS\\] +Face detection .*1 face, p=0\\.99\\d\\d, box \\[.*\\], 5 landmarks; \\d+ ms first run, \\d+ ms warm")
                .containsPattern("\\[PASS\\] +Face alignment .*-> 96x96")
                .contains("Versions:", "Java 17", "OpenCV 4.9.0", "PyTorch 2.7.1 (DJL 0.36.0)")
                .containsPattern("Self-test passed in \\d+\\.\\d\\d s\\.")
                .doesNotContain("FAIL", "SKIPPED");
        assertThat(r.err()).doesNotContain("FAILED");
    }

    @Test
    void missingModelsFailWithTheCheckAndAClearReason() {
        String before = System.getProperty(MtcnnModels.MODELS_DIR_PROPERTY);
        System.setProperty(MtcnnModels.MODELS_DIR_PROPERTY, tmp.toString());   // an empty folder
        try {
            CliRun r = cli("self-test");
            assertThat(r.code()).isEqualTo(FerCli.FAILED);
            assertThat(r.out()).containsPattern("\\[PASS\\] +OpenCV")
                    .containsPattern("\\[FAIL\\] +MTCNN model files")
                    .containsPattern("\\[SKIPPED\\] +Face detection")
                    .doesNotContain("Self-test passed");
            assertThat(r.err()).startsWith("Self-test FAILED at \"MTCNN model files\": MTCNN models not found in "
                    + tmp.toAbsolutePath().normalize()).contains("pnet.pt, rnet.pt and onet.pt");
        } finally {
            if (before == null) System.clearProperty(MtcnnModels.MODELS_DIR_PROPERTY);
            else System.setProperty(MtcnnModels.MODELS_DIR_PROPERTY, before);
        }
    }

    @Test
    void launcherMapsTheFlagToTheCommandAndLeavesOtherArgumentsAlone() {
        assertThat(Launcher.cliArguments(new String[]{"--self-test"})).containsExactly("self-test");
        assertThat(Launcher.cliArguments(new String[]{"--self-test", "--help"})).containsExactly("self-test", "--help");
        assertThat(Launcher.cliArguments(new String[]{"stats", "--self-test"})).containsExactly("stats", "--self-test");
        assertThat(Launcher.cliArguments(new String[0])).isEmpty();
    }
}
