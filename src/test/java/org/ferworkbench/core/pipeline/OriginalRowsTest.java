package org.ferworkbench.core.pipeline;

import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.image.ImageResizer;
import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceRead;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OriginalRowsTest {
    private final ImageResizer resizer = new ImageResizer();

    private static SourceRead read(String name, String sha, RgbImage image) {
        Sample sample = new Sample("happy", 0, "happy/" + name, Path.of("/d/happy/" + name));
        return new SourceRead(new SourceImage(sample, sha, image.width(), image.height()), image, null);
    }

    private static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void keepsTheResizedRowWhileTheBudgetLastsAndHandsItOutOnce() {
        int size = 24;
        // room for 3 rows
        OriginalRows rows = new OriginalRows(resizer, size, 3L * size * size * 3 + 100);
        assertThat(rows.capacity()).isEqualTo(3);
        List<SourceRead> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) reads.add(read("f" + i + ".png", "sha" + i, noise(40 + i, 32, i)));
        reads.forEach(rows::keep);

        for (int i = 0; i < 3; i++) {
            RgbImage kept = rows.take(reads.get(i).source());
            assertThat(kept).as("row " + i).isNotNull();
            assertThat(kept.pixels()).isEqualTo(resizer.resize(reads.get(i).image(), size, size).pixels());
            assertThat(rows.take(reads.get(i).source())).as("handed out once").isNull();
        }
        assertThat(rows.take(reads.get(3).source())).as("beyond the budget: decoded again").isNull();
        assertThat(rows.take(reads.get(4).source())).isNull();
        assertThat(rows.taken()).isEqualTo(3);
    }

    @Test
    void aRowIsOnlyTakenForTheBytesItWasMadeFrom() {
        OriginalRows rows = new OriginalRows(resizer, 16, 1 << 20);
        SourceRead read = read("a.png", "old", noise(20, 20, 1));
        rows.keep(read);
        SourceImage changed = new SourceImage(read.source().sample(), "new", 20, 20);
        assertThat(rows.take(changed)).isNull();
        assertThat(rows.take(read.source())).isNotNull();
    }

    @Test
    void releasedRowsAreDecodedAgainAndNothingIsKeptAfter() {
        OriginalRows rows = new OriginalRows(resizer, 16, 1 << 20);
        SourceRead a = read("a.png", "a", noise(20, 20, 1));
        SourceRead b = read("b.png", "b", noise(20, 20, 2));
        rows.keep(a);
        rows.release();
        rows.keep(b);
        assertThat(rows.take(a.source())).isNull();
        assertThat(rows.take(b.source())).isNull();
        assertThat(rows.taken()).isZero();
    }

    @Test
    void aZeroBudgetKeepsNothing() {
        OriginalRows rows = new OriginalRows(resizer, 16, 0);
        SourceRead a = read("a.png", "a", noise(20, 20, 1));
        rows.keep(a);
        assertThat(rows.take(a.source())).isNull();
    }
}
