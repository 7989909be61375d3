package org.ferworkbench.core.settings;

import org.ferworkbench.core.align.AlignmentMethod;
import org.ferworkbench.core.align.CropFill;
import org.ferworkbench.core.augment.BorderMode;
import org.ferworkbench.core.balance.BalanceTarget;
import org.ferworkbench.core.export.ExportFormat;
import org.ferworkbench.core.export.OutputDtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text form of the settings: config.json / settings.json, old files included. */
class ConfigFilesTest {
    @TempDir
    Path tmp;

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigFilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private PrepareConfig read(String json) throws IOException {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, json);
        return ConfigFiles.read(file);
    }

    /** The config.json an export wrote before the settings model (every setting away from its default). */
    @Test
    void anExportsConfigFromBeforeLoadsAndIsWrittenBackByteForByte() throws Exception {
        String old = resource("config-before-settings-model.json");
        PrepareConfig c = read(old);
        PrepareConfig expected = PrepareConfig.builder()
                .seed(7).testRatio(0.2).groupPattern("^(S\\d+)_").balance(BalanceTarget.fixed(300))
                .rotation(-15, 30).brightness(0.4, 1.1).flip(false).border(BorderMode.REFLECT)
                .outputSize(24).dtype(OutputDtype.UINT8).formats(Set.of(ExportFormat.NPY, ExportFormat.NPZ)).detectFaces(false)
                .minFaceSize(30).thresholds(0.5, 0.6, 0.65).scaleFactor(0.7)
                .trainFaces(FacePolicy.LARGEST).testFaces(FacePolicy.MOST_CONFIDENT).minProbability(0.9)
                .order(PipelineOrder.DETECT_THEN_AUGMENT).alignment(AlignmentMethod.SIMILARITY).maxAttempts(7)
                .duplicates(org.ferworkbench.core.split.DuplicateHandling.IGNORE)
                .cropFill(CropFill.EDGE)
                .build();
        assertThat(c).as("an export from before duplicate groups: its split is reproduced, duplicates ignored; from before "
                + "the crop fill: the crop is filled as the border was (reflect has no crop fill: edge)").isEqualTo(expected);
        // written back with the split settings that were implicit then, everything else byte for byte
        assertThat(ConfigFiles.toJson(c)).isEqualTo(old.replace("\"groupPattern\" : \"^(S\\\\d+)_\"",
                "\"groupPattern\" : \"^(S\\\\d+)_\",\n    \"duplicates\" : \"IGNORE\",\n    \"nearDistance\" : "
                        + org.ferworkbench.core.duplicates.DuplicateFinder.DEFAULT_MAX_DISTANCE + ",\n    \"labelConflicts\" : \"TOGETHER\",\n"
                        + "    \"groupBy\" : \"NONE\",\n    \"identityThreshold\" : "
                        + org.ferworkbench.core.identity.IdentityClusters.DEFAULT_THRESHOLD)
                .replace("\"alignment\" : \"SIMILARITY\"", "\"alignment\" : \"SIMILARITY\",\n    \"cropFill\" : \"EDGE\""));
        assertThat(read(ConfigFiles.toJson(c))).isEqualTo(c);
    }

    /** The first config.json format had no face block: the face stage's settings are the study's. */
    @Test
    void theFirstFormatLoads() throws Exception {
        assertThat(read(resource("config-first-format.json"))).as("an early export: duplicates ignored, as they were then")
                .isEqualTo(PrepareConfig.DEFAULTS.withSplit(PrepareConfig.DEFAULTS.split().withDuplicates(
                        org.ferworkbench.core.split.DuplicateHandling.IGNORE)));
    }

    /**
     * Before the crop fill was a setting, the crop was filled with the augmentation's border: a face block without
     * it (an earlier export's config.json, the app's settings.json) keeps that, so re-running it gives the same crops.
     */
    @Test
    void aFaceBlockFromBeforeTheCropFillKeepsTheBordersFill() throws Exception {
        assertThat(read("{\"augmentation\": {\"border\": \"BLACK\"}, \"face\": {\"alignment\": \"EYES\"}}").face().cropFill())
                .isEqualTo(CropFill.BLACK);
        assertThat(read("{\"augmentation\": {\"border\": \"REPLICATE\"}, \"face\": {\"alignment\": \"EYES\"}}").face().cropFill())
                .isEqualTo(CropFill.EDGE);
        assertThat(read("{\"face\": {\"alignment\": \"EYES68\"}}").face().cropFill()).isEqualTo(CropFill.EDGE);
        // a file of today names it; a file that gives no alignment is not an old export's face block
        assertThat(read("{\"augmentation\": {\"border\": \"BLACK\"}, \"face\": {\"alignment\": \"EYES\", \"cropFill\": \"clip\"}}")
                .face().cropFill()).isEqualTo(CropFill.CLIP);
        assertThat(read("{\"face\": {\"trainPolicy\": \"LARGEST\"}}").face().cropFill())
                .isEqualTo(FaceOptions.DEFAULT_CROP_FILL);
        assertThatThrownBy(() -> read("{\"face\": {\"cropFill\": \"mirror\"}}"))
                .hasMessageEndingWith("'face.cropFill': crop fill must be one of edge, black, clip, got 'mirror'");
    }

    @Test
    void jsonToSettingsToJsonIsStable() throws Exception {
        for (PrepareConfig c : new PrepareConfig[]{PrepareConfig.DEFAULTS,
                PrepareConfig.builder().seed(-3).testRatio(0.1).rotate(false).rotation(-360, 360).brightness(0, 10)
                        .flipProbability(0.125).formats(Set.of(ExportFormat.PNG)).minProbability(1e-7).build(),
                PrepareConfig.builder().cropFill(CropFill.BLACK).build(), PrepareConfig.builder().cropFill(CropFill.CLIP).build(),
                PrepareConfig.builder().cropFill(CropFill.EDGE).build()}) {
            String json = ConfigFiles.toJson(c);
            PrepareConfig back = read(json);
            assertThat(back).isEqualTo(c);
            assertThat(ConfigFiles.toJson(back)).isEqualTo(json);
            // as the app saves it (settings.json, with a final newline)
            assertThat(read(json + "\n")).isEqualTo(c);
        }
    }

    @Test
    void aFileMayGiveSomeSettingsTheRestAreTheStudys() throws Exception {
        PrepareConfig c = read("{\"seed\": 7, \"augmentation\": {\"rotationMax\": 45}, \"balance\": 300, "
                + "\"face\": {\"trainPolicy\": \"largest\", \"detector\": {\"scaleFactor\": \"0.5\"}}}");
        assertThat(c).isEqualTo(PrepareConfig.builder().seed(7).rotation(0, 45).balance(BalanceTarget.fixed(300))
                .trainFaces(FacePolicy.LARGEST).scaleFactor(0.5).build());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> read("{\"split\": {\"testRatio\": 1.5}}")).isInstanceOf(IOException.class)
                .hasMessageEndingWith("has an invalid setting 'split.testRatio': test ratio must be between 0 and 1 (exclusive), got 1.5");
        assertThatThrownBy(() -> read("{\"augmentation\": {\"rotationMin\": 100}}"))
                .hasMessageEndingWith("'augmentation.rotationMin', 'augmentation.rotationMax': rotation range must be MIN,MAX "
                        + "with MIN <= MAX, got 100.0,90.0");
        assertThatThrownBy(() -> read("{\"seed\": \"x\", \"formats\": []}"))
                .hasMessageEndingWith("'seed': seed must be a whole number, e.g. 42, got 'x'; 'formats': choose at least one output format");
    }

    @Test
    void unknownKeysAndBrokenFilesAreRefused() {
        assertThatThrownBy(() -> read("{\"split\": {\"ratio\": 0.2}}")).hasMessageEndingWith("has an unknown setting 'split.ratio'");
        assertThatThrownBy(() -> read("{\"threads\": 4}")).hasMessageEndingWith("has an unknown setting 'threads'");
        assertThatThrownBy(() -> read("[1]")).hasMessageEndingWith("must hold a JSON object");
        assertThatThrownBy(() -> read("{\"seed\": ")).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ConfigFiles.read(tmp.resolve("absent.json"))).hasMessageStartingWith("config file not found");
    }
}
