package org.ferworkbench.packaging;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/linux/launcher.sh in a miniature app-image (bin/, lib/app/*.cfg, lib/runtime/bin/java running this
 * JVM's java): it passes jpackage's options with $APPDIR filled in, the class path and the arguments, returns the
 * app's exit code, records a class-data archive after the first desktop start and uses it from then on.
 */
class LinuxLauncherTest {
    @TempDir
    Path tmp;

    /** The "application": prints its arguments and one system property, exits with the number of arguments. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("args=" + String.join("|", args));
            System.out.println("models=" + System.getProperty("fer.models.dir"));
            System.out.println("cds=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                    .stream().filter(a -> a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit")).toList());
            System.exit(args.length);
        }
    }

    private Path image() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "skipped: Linux launcher");
        Path top = tmp.resolve("fer-workbench");
        Path bin = Files.createDirectories(top.resolve("bin"));
        Path app = Files.createDirectories(top.resolve("lib/app"));
        Files.createDirectories(top.resolve("lib/runtime/bin"));
        Path java = top.resolve("lib/runtime/bin/java");   // stands for the bundled runtime: this JVM's java
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        java.toFile().setExecutable(true);
        Path launcher = bin.resolve("fer-workbench");
        Files.copy(Path.of("packaging/linux/launcher.sh"), launcher);
        launcher.toFile().setExecutable(true);
        // class data sharing takes jars only (no directories on the class path), like the real app's lib/app/*.jar
        Path classes = app.resolve("probe.jar");
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(classes));
             var in = Probe.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        }
        Files.writeString(app.resolve("fer-workbench.cfg"), String.join("\n",
                "[Application]",
                "app.classpath=" + classes,
                "app.mainclass=" + Probe.class.getName(),
                "",
                "[JavaOptions]",
                "java-options=-Djpackage.app-version=0.1.0",
                "java-options=-Dfer.models.dir=$APPDIR/models",
                "java-options=-Xshare:auto",
                ""), StandardCharsets.UTF_8);
        return top;
    }

    private record Run(int code, String out) { }

    private Run run(Path top, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(top.resolve("bin/fer-workbench").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void startsTheAppWithItsOptionsArgumentsAndExitCode() throws Exception {
        Path top = image();
        Run r = run(top, "stats", "my data");
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).contains("args=stats|my data")
                .contains("models=" + top.resolve("lib/app/models"))
                .contains("cds=[]");
        // a command never records an archive (it would hold the command's classes, not the desktop app's)
        assertThat(tmp.resolve("cache/fer-workbench")).doesNotExist();
    }

    @Test
    void theFirstDesktopStartRecordsTheClassArchiveThatLaterStartsUse() throws Exception {
        Path top = image();
        Run first = run(top);
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("cds=[-XX:ArchiveClassesAtExit=");
        Path cache = tmp.resolve("cache/fer-workbench");
        List<Path> archives;
        try (var files = Files.list(cache)) {
            archives = files.toList();
        }
        assertThat(archives).singleElement().satisfies(a -> {
            assertThat(a.getFileName().toString()).matches("classes-\\d+\\.jsa");
            assertThat(Files.size(a)).isPositive();
        });
        Run later = run(top, "--self-test");
        assertThat(later.out()).contains("cds=[-XX:SharedArchiveFile=" + archives.get(0));
        assertThat(later.out()).doesNotContain("warning");
    }
}
