package org.ferworkbench.cli;

import org.ferworkbench.core.pipeline.PipelineFactory;
import org.ferworkbench.core.settings.PrepareConfig;
import org.ferworkbench.core.pipeline.PreparePipeline;
import org.ferworkbench.core.settings.Setting;
import org.ferworkbench.core.settings.PipelineOrder;
import org.ferworkbench.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The option blocks the commands share are declared once, as mixins, and every settings option reaches core. */
class CliOptionsTest {
    @TempDir
    Path tmp;

    private static final Map<Class<?>, Set<String>> SHARED = Map.of(
            ThreadsOption.class, Set.of("--threads"),
            VerboseOption.class, Set.of("--verbose"),
            DetectorOptions.class, Set.of("--min-face", "--thresholds", "--factor"),
            NearDistanceOption.class, Set.of("--near-distance"),
            PrepareOptions.class, Arrays.stream(Setting.values()).map(Setting::option).filter(Objects::nonNull)
                    .filter(o -> !Set.of("--min-face", "--thresholds", "--factor", "--near-distance").contains(o))
                    .collect(Collectors.toSet()));

    private static List<CommandLine> allCommands(CommandLine c) {
        List<CommandLine> all = new ArrayList<>(List.of(c));
        c.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
        return all;
    }

    /** Where an option is declared: the class of its field. */
    private static Class<?> declaredIn(OptionSpec o) {
        return ((Field) o.userObject()).getDeclaringClass();
    }

    @Test
    void noCommandDeclaresASharedOptionItself() {
        for (CommandLine c : allCommands(FerCli.commandLine(PipelineFactory.withoutDetection()))) {
            CommandSpec spec = c.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp()) continue;
                // make-dataset writes images, it prepares nothing: its --size is the size of the images it writes
                if (o.longestName().equals("--size") && spec.userObject() instanceof BenchmarkCommand.MakeDataset) continue;
                SHARED.forEach((mixin, names) -> {
                    if (names.contains(o.longestName())) {
                        assertThat(declaredIn(o)).as("%s in '%s'", o.longestName(), spec.qualifiedName()).isEqualTo(mixin);
                    }
                });
            }
        }
    }

    @Test
    void theCommandsTakeTheSharedBlocks() {
        CommandLine cli = FerCli.commandLine(PipelineFactory.withoutDetection());
        Map<String, CommandSpec> specs = new TreeMap<>();
        allCommands(cli).forEach(c -> specs.put(c.getCommandSpec().qualifiedName(" "), c.getCommandSpec()));
        assertThat(mixins(specs.get("fer-workbench prepare")))
                .containsExactlyInAnyOrder(PrepareOptions.class, ThreadsOption.class, VerboseOption.class);
        assertThat(mixins(specs.get("fer-workbench benchmark prepare")))
                .containsExactlyInAnyOrder(PrepareOptions.class, ThreadsOption.class);
        assertThat(mixins(specs.get("fer-workbench stats"))).containsExactlyInAnyOrder(ThreadsOption.class, VerboseOption.class);
        assertThat(mixins(specs.get("fer-workbench detect"))).containsExactlyInAnyOrder(DetectorOptions.class, ThreadsOption.class);
        // every setting with an option can be given to both prepares
        for (String command : List.of("fer-workbench prepare", "fer-workbench benchmark prepare")) {
            for (Setting s : Setting.values()) {
                if (s.option() != null) assertThat(specs.get(command).findOption(s.option())).as(command + " " + s.option()).isNotNull();
            }
        }
    }

    private static Set<Class<?>> mixins(CommandSpec spec) {
        return spec.mixins().values().stream().<Class<?>>map(m -> m.userObject().getClass())
                .filter(c -> c.getPackageName().equals(CliOptionsTest.class.getPackageName())).collect(Collectors.toSet());
    }

    @Test
    void theOptionsReachThePipelineAsCoreReadsThem() throws Exception {
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 4, "fear", 3)), 16);
        List<PrepareConfig> made = new ArrayList<>();
        PipelineFactory recording = config -> {
            made.add(config);
            return PreparePipeline.withoutDetection();
        };
        StringWriter err = new StringWriter();
        int code = FerCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), recording,
                "prepare", data.toString(), "--out", tmp.resolve("out").toString(), "--no-detect", "--size", "16",
                "--test-ratio", "0.3", "--min-face", "30", "--thresholds", "0.5,0.6,0.7", "--order", "detect-first",
                "--no-flip", "--threads", "1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(made).containsExactly(PrepareConfig.builder().detectFaces(false).outputSize(16).testRatio(0.3)
                .minFaceSize(30).thresholds(0.5, 0.6, 0.7).order(PipelineOrder.DETECT_THEN_AUGMENT).flip(false).build());
    }

    @Test
    void aBadOptionIsNamedWithCoresMessageAndNothingRuns() throws Exception {
        Path data = TestData.dataset(tmp.resolve("data"), new TreeMap<>(Map.of("anger", 4, "fear", 3)), 16);
        List<PrepareConfig> made = new ArrayList<>();
        StringWriter err = new StringWriter();
        int code = FerCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), config -> {
                    made.add(config);
                    return PreparePipeline.withoutDetection();
                }, "prepare", data.toString(), "--out", tmp.resolve("out").toString(), "--test-ratio", "1.5", "--factor", "x");
        assertThat(code).isEqualTo(FerCli.BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("Error: --test-ratio: test ratio must be between 0 and 1 (exclusive), got 1.5; "
                + "--factor: pyramid factor must be a number, e.g. 0.709, got 'x'");
        assertThat(made).isEmpty();
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
