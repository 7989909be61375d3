package org.ferworkbench.ui.charts;

import org.ferworkbench.ui.main.WorkbenchViewModels;
import org.ferworkbench.ui.support.FakeFaces;
import org.ferworkbench.ui.support.RecordingDialogs;
import org.ferworkbench.ui.support.Workbenches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Save as PNG" (issue 17): the chart and its table in one file, and a sentence saying where it went. */
class DistributionViewModelTest {
    @TempDir
    Path dir;

    private static BufferedImage filled(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    @Test
    void theChartAndItsTableAreSavedOneUnderTheOtherAndTheMessageSaysWhere() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), dialogs, new FakeFaces());
        assertThat(vms.distribution().saveMessageProperty().get()).isEmpty();
        Path file = dir.resolve("charts/muxspace-distribution.png");
        Files.createDirectories(file.getParent());

        // as the view hands them over: the chart, then the (wider) table, both already at twice the screen's size
        vms.distribution().savePng(List.of(filled(800, 500, Color.RED), filled(1000, 300, Color.BLUE)), Color.DARK_GRAY, file);

        BufferedImage saved = ImageIO.read(file.toFile());
        assertThat(saved.getWidth()).isEqualTo(1000);
        assertThat(saved.getHeight()).isEqualTo(800);
        assertThat(new Color(saved.getRGB(10, 10))).isEqualTo(Color.RED);
        assertThat(new Color(saved.getRGB(10, 510))).isEqualTo(Color.BLUE);
        assertThat(new Color(saved.getRGB(990, 790))).isEqualTo(Color.BLUE);
        assertThat(new Color(saved.getRGB(990, 10))).as("beside the narrower chart: the background").isEqualTo(Color.DARK_GRAY);
        assertThat(vms.distribution().saveMessageProperty().get()).isEqualTo("Saved the chart and its table to " + file);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenIsExplainedAndNoSavedMessageStays() {
        RecordingDialogs dialogs = new RecordingDialogs();
        WorkbenchViewModels vms = Workbenches.create(dir.resolve("home"), dialogs, new FakeFaces());
        Path file = dir.resolve("no-such-folder/chart.png");

        vms.distribution().savePng(List.of(filled(10, 10, Color.RED)), Color.WHITE, file);

        assertThat(dialogs.errors).singleElement().asString().startsWith("Chart not saved: The chart could not be saved to " + file);
        assertThat(vms.distribution().saveMessageProperty().get()).isEmpty();
    }
}
