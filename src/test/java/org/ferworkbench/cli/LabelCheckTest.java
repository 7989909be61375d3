package org.ferworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ferworkbench.core.face.DetectionCache;
import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stats --label-check on real photos: the six expression photos of ../shared/data/faces in their folders, plus the
 * happy photo filed under sadness. The expression net agrees with every folder but disgust (where it is unsure) and
 * the misfiled photo, and disputes exactly the misfiled photo. Skipped where ../shared/data or models/ are absent.
 */
class LabelCheckTest {
    @TempDir
    Path tmp;

    private CliRun stats(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "stats";
        System.arraycopy(args, 0, all, 1, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FerCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                PipelineFactory.standard(() -> new DetectionCache(null)), all);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void theNetDisputesAHappyFaceFiledUnderSadnessAndNothingElse() throws Exception {
        Path faces = TestData.sharedDataOrSkip("faces");
        Assumptions.assumeTrue(Files.exists(Path.of("models", "face_expression.pt")), "skipped: models/ not built");
        String[][] photos = {{"anger", "angry.jpg"}, {"disgust", "disgusted.jpg"}, {"fear", "fearful.jpg"},
                {"happiness", "happy.jpg"}, {"sadness", "sad.jpg"}, {"surprise", "surprised.jpg"}};
        Path data = tmp.resolve("data");
        for (String[] p : photos) Files.copy(faces.resolve(p[1]), Files.createDirectories(data.resolve(p[0])).resolve(p[1]));
        Files.copy(faces.resolve("happy.jpg"), data.resolve("sadness/misfiled.jpg"));

        CliRun run = stats(data.toString(), "--label-check", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode check = new ObjectMapper().readTree(run.out()).path("label_check");
        assertThat(check.path("not_scored").asInt()).isZero();
        for (JsonNode c : check.path("classes")) {
            int expected = c.path("name").asText().equals("sadness") ? 1 : 0;
            assertThat(c.path("scored").asInt()).isEqualTo(expected + 1);
            // face-api's net is weak on disgust (docs/labels.md): its top expression for disgusted.jpg is another one,
            // but it is not sure enough of it to dispute the label
            int agreed = c.path("name").asText().equals("disgust") ? 0 : 1;
            assertThat(c.path("agreed").asInt()).as("agreement of %s", c.path("name").asText()).isEqualTo(agreed);
            assertThat(c.path("disputed").asInt()).as("disputes in %s", c.path("name").asText()).isEqualTo(expected);
        }
        JsonNode disputed = check.path("disputed");
        assertThat(disputed).hasSize(1);
        assertThat(disputed.get(0).path("path").asText()).isEqualTo("sadness/misfiled.jpg");
        assertThat(disputed.get(0).path("rival").asText()).isEqualTo("happiness");
        assertThat(disputed.get(0).path("own").asDouble()).isLessThan(0.10);
        assertThat(disputed.get(0).path("top").get(0).path("expression").asText()).isEqualTo("happy");

        CliRun table = stats(data.toString(), "--label-check");
        assertThat(table.out()).contains("Label check").contains("sadness/misfiled.jpg: label disputed: sadness");
    }

    @Test
    void aLabelMapNamingNoClassIsRefusedBeforeAnythingIsScored() throws Exception {
        Path data = tmp.resolve("data");
        for (String c : new String[] {"a", "b"}) {
            Files.write(Files.createDirectories(data.resolve(c)).resolve("x.png"), TestData.png(TestData.image(8, 8, 1)));
        }
        CliRun run = stats(data.toString(), "--label-check", "--label-map", "c=happy");
        assertThat(run.code()).isEqualTo(FerCli.BAD_INPUT);
        assertThat(run.err()).contains("label map names no class of the dataset: 'c'");
        assertThat(stats(data.toString(), "--label-check", "--quick").err()).contains("drop --quick");
    }
}
