package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.RgbImage;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintTest {
    /** A face-like test picture: real photos where the shared data is present, else smooth random images. */
    private static List<RgbImage> pictures() {
        Path root = TestData.sharedData();
        if (root != null && root.resolve("faces").toFile().isDirectory()) {
            return RealImages.folder(root.resolve("faces")).stream().limit(12).map(RealImages.Item::image).toList();
        }
        return List.of(TestData.image(128, 128, 1), TestData.image(96, 120, 2), TestData.image(300, 200, 3));
    }

    @ParameterizedTest
    @CsvSource({"128,128", "48,48", "37,53", "201,150", "20,12", "1,1", "640,480"})
    void theMirroredHashIsExactlyTheHashOfTheMirroredImage(int width, int height) {
        for (long seed = 1; seed <= 5; seed++) {
            RgbImage image = TestData.image(width, height, seed * 7919 + width);
            Fingerprint f = Fingerprint.of(image), m = Fingerprint.of(Variants.mirror(image));
            assertThat(f.dctMirrored()).isEqualTo(m.dct());
            assertThat(m.dctMirrored()).isEqualTo(f.dct());
            assertThat(f.distance(m)).isZero();
        }
    }

    @Test
    void theMirrorIdentityHoldsOnRealPhotos() {
        for (RgbImage image : pictures()) {
            Fingerprint f = Fingerprint.of(image), m = Fingerprint.of(Variants.mirror(image));
            assertThat(f.dctMirrored()).isEqualTo(m.dct());
            assertThat(m.dctMirrored()).isEqualTo(f.dct());
            for (int y = 0; y < Fingerprint.THUMB; y++) {
                for (int x = 0; x < Fingerprint.THUMB; x++) {
                    assertThat(m.thumbAt(x, y)).isEqualTo(f.thumbAt(Fingerprint.THUMB - 1 - x, y));
                }
            }
        }
    }

    @Test
    void theHashUsesSixtyThreeBitsAgainstTheirMedian() {
        for (RgbImage image : pictures()) {
            Fingerprint f = Fingerprint.of(image);
            assertThat(f.dct() & 1).as("DC bit").isZero();
            assertThat(Long.bitCount(f.dct())).isEqualTo(31);
            assertThat(Long.bitCount(f.dctMirrored())).isEqualTo(31);
        }
    }

    @Test
    void darkerAndBrighterCopiesStayClose() {
        for (RgbImage image : pictures()) {
            Fingerprint f = Fingerprint.of(image);
            assertThat(f.distance(Fingerprint.of(Variants.brightness(image, 0.7)))).isLessThanOrEqualTo(4);
            assertThat(f.distance(Fingerprint.of(Variants.brightness(image, 1.25)))).isLessThanOrEqualTo(6);
            assertThat(f.distance(Fingerprint.of(Variants.brightness(image, 0.5)))).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aScaledImageHasTheSameHashWhenTheAreaAveragesAgree() {
        // 64x64 -> 32x32 cells averages 2x2 pixels; a 2x nearest-neighbour upscale gives the same cells exactly
        RgbImage small = TestData.image(64, 64, 5);
        RgbImage big = Variants.resize(small, 128, 128);
        RgbImage nearest = nearestUpscale(small, 2);
        assertThat(Fingerprint.of(nearest).dct()).isEqualTo(Fingerprint.of(small).dct());
        assertThat(Fingerprint.of(big).distance(Fingerprint.of(small))).isLessThanOrEqualTo(2);
    }

    @Test
    void equalPixelsHashEquallyAndAnyChangeOrSizeDiffers() {
        RgbImage a = TestData.image(48, 48, 9);
        RgbImage copy = new RgbImage(48, 48, a.pixels().clone());
        assertThat(Fingerprint.of(copy)).isEqualTo(Fingerprint.of(a)).hasSameHashCodeAs(Fingerprint.of(a));
        assertThat(Fingerprint.of(Variants.png(a)).pixelHash()).isEqualTo(Fingerprint.of(a).pixelHash());

        byte[] changed = a.pixels().clone();
        changed[changed.length / 2] ^= 1;
        assertThat(Fingerprint.of(new RgbImage(48, 48, changed)).pixelHash()).isNotEqualTo(Fingerprint.of(a).pixelHash());
        byte[] same = new byte[2 * 6 * 3];
        assertThat(Fingerprint.of(new RgbImage(2, 6, same)).pixelHash()).isNotEqualTo(Fingerprint.of(new RgbImage(6, 2, same)).pixelHash());
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        for (RgbImage image : pictures()) {
            Fingerprint f = Fingerprint.of(image);
            String text = f.encode();
            assertThat(text).startsWith("fp1:").doesNotContain("\n", " ");
            assertThat(Fingerprint.decode(text)).isEqualTo(f);
        }
        Fingerprint extreme = new Fingerprint(-1L, Long.MIN_VALUE, 0L, new byte[256]);
        assertThat(Fingerprint.decode(extreme.encode())).isEqualTo(extreme);
    }

    @Test
    void decodeRefusesWhatEncodeNeverWrites() {
        String good = Fingerprint.of(TestData.image(32, 32, 1)).encode();
        for (String bad : new String[] {"", "fp1", good.replace("fp1:", "fp2:"), good + ":x", good.substring(0, good.length() - 4),
                good.replaceFirst(":[0-9a-f]", ":g"), good.replaceFirst(":[0-9a-f]{16}", ":123"), "fp1:::::"}) {
            assertThatThrownBy(() -> Fingerprint.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Fingerprint.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityComparesTheThumbnailByContentAndTheRecordStaysImmutable() {
        byte[] thumb = new byte[256];
        Fingerprint a = new Fingerprint(1, 2, 3, thumb);
        thumb[0] = 9;
        assertThat(a.thumb()[0]).as("copied in").isZero();
        a.thumb()[1] = 9;
        assertThat(a.thumbAt(1, 0)).as("copied out").isZero();
        assertThat(a).isEqualTo(new Fingerprint(1, 2, 3, new byte[256])).isNotEqualTo(new Fingerprint(1, 2, 3, thumb));
        assertThatThrownBy(() -> new Fingerprint(1, 2, 3, new byte[255])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDistanceIsSymmetric() {
        List<RgbImage> pics = pictures();
        for (RgbImage a : pics) {
            for (RgbImage b : pics) {
                Fingerprint fa = Fingerprint.of(a), fb = Fingerprint.of(b);
                assertThat(fa.distance(fb)).isEqualTo(fb.distance(fa));
            }
        }
    }

    private static RgbImage nearestUpscale(RgbImage image, int factor) {
        int w = image.width() * factor, h = image.height() * factor;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) px[(y * w + x) * 3 + c] = (byte) image.get(x / factor, y / factor, c);
            }
        }
        return new RgbImage(w, h, px);
    }
}
