package org.ferworkbench.core.face;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MtcnnModelsTest {

    @Test
    void findsTheProjectModelsFromTheWorkingDirectory() throws IOException {
        String old = System.clearProperty(MtcnnModels.MODELS_DIR_PROPERTY);
        try {
            Path dir = MtcnnModels.locateModelsDirectory();
            assertThat(dir.resolve("pnet.pt")).isRegularFile();
            assertThat(dir.resolve("onet.pt")).isRegularFile();
        } finally {
            if (old != null) System.setProperty(MtcnnModels.MODELS_DIR_PROPERTY, old);
        }
    }

    @Test
    void systemPropertyWinsAndAWrongOneIsReportedByName(@TempDir Path tmp) throws IOException {
        String old = System.getProperty(MtcnnModels.MODELS_DIR_PROPERTY);
        try {
            System.setProperty(MtcnnModels.MODELS_DIR_PROPERTY, tmp.toString());
            assertThatThrownBy(MtcnnModels::locateModelsDirectory)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(tmp.toString())
                    .hasMessageContaining("pnet.pt");
            for (String n : new String[] {"pnet", "rnet", "onet"}) {
                Files.copy(Paths.get("models", n + ".pt"), tmp.resolve(n + ".pt"));
            }
            assertThat(MtcnnModels.locateModelsDirectory()).isEqualTo(tmp.toAbsolutePath().normalize());
        } finally {
            if (old == null) System.clearProperty(MtcnnModels.MODELS_DIR_PROPERTY);
            else System.setProperty(MtcnnModels.MODELS_DIR_PROPERTY, old);
        }
    }

    @Test
    void loadingFromAFolderWithoutModelsNamesTheMissingFile(@TempDir Path tmp) {
        assertThatThrownBy(() -> MtcnnModels.load(tmp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(tmp.resolve("pnet.pt").toString());
    }
}
