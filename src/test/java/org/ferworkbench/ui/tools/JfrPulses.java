package org.ferworkbench.ui.tools;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the JavaFX thread did in its long pulses, from a flight recording of docs/benchmark-ui.sh (JAVA_OPTS with
 * -XX:StartFlightRecording, method sampling at 1 ms and class-load events on; see docs/benchmark-ui.md). For every
 * pulse interval over the threshold of JavaFX-thread CPU (FxResponsiveness' events): the samples of the thread in
 * it, the methods they were in most (inclusive, so the phase of the pulse and the application's own frames show),
 * and the classes the thread loaded meanwhile (time in the VM, which method samples do not see).
 *
 * <p>Arguments: recording.jfr [threshold-ms, default 50] [methods per pulse, default 30]; or
 * {@code recording.jfr --class-list FILE}: writes the classes the JavaFX thread loaded once the window was shown,
 * in the order it loaded them (the list {@code ClassPreload} loads in the background, see docs/benchmark-ui.md).
 */
public final class JfrPulses {
    private JfrPulses() { }

    private record Pulse(Instant start, Instant end, double cpuMillis) { }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        if (args.length > 2 && args[1].equals("--class-list")) {
            writeClassList(file, Path.of(args[2]));
            return;
        }
        double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<Pulse> pulses = new ArrayList<>();
        List<RecordedEvent> samples = new ArrayList<>();
        List<RecordedEvent> loads = new ArrayList<>();
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        // the JavaFX thread is the one the pulse events come from (the recording may know it by its native name)
        long fxThread = -1;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("org.ferworkbench.FxPulse")) {
                fxThread = e.getThread().getJavaThreadId();
                if (e.getDouble("cpuMillis") > threshold) pulses.add(new Pulse(e.getStartTime(), e.getEndTime(), e.getDouble("cpuMillis")));
            }
        }
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            var t = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample") ? e.getThread("sampledThread")
                    : type.equals("jdk.ClassLoad") ? e.getThread() : null;
            if (t == null || t.getJavaThreadId() != fxThread) continue;
            if (type.equals("jdk.ClassLoad")) loads.add(e);
            else samples.add(e);
        }
        System.out.printf(Locale.ROOT, "%d pulses over %.0f ms of JavaFX-thread CPU; %d samples of the thread, %d class loads by it%n",
                pulses.size(), threshold, samples.size(), loads.size());
        for (Pulse p : pulses) {
            List<RecordedEvent> in = samples.stream().filter(s -> within(s.getStartTime(), p)).toList();
            Map<String, Integer> inclusive = new HashMap<>();
            Map<String, Integer> self = new HashMap<>();
            for (RecordedEvent s : in) {
                RecordedStackTrace st = s.getStackTrace();
                if (st == null) continue;
                Set<String> seen = new HashSet<>();
                List<RecordedFrame> frames = st.getFrames();
                for (int i = 0; i < frames.size(); i++) {
                    String m = name(frames.get(i));
                    if (i == 0) self.merge(m, 1, Integer::sum);
                    if (seen.add(m)) inclusive.merge(m, 1, Integer::sum);
                }
            }
            List<RecordedEvent> loaded = loads.stream().filter(l -> within(l.getStartTime(), p)).toList();
            // nested loads count once: only the outermost time of each load; lambdas (hidden classes) apart
            double loadMillis = 0;
            double hiddenMillis = 0;
            int hidden = 0;
            Instant covered = Instant.MIN;
            for (RecordedEvent l : loaded.stream().sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).toList()) {
                boolean isHidden = isHidden(l.getClass("loadedClass").getName());
                if (isHidden) hidden++;
                if (l.getStartTime().isBefore(covered)) continue;
                double ms = l.getDuration().toNanos() / 1e6;
                loadMillis += ms;
                if (isHidden) hiddenMillis += ms;
                covered = l.getEndTime();
            }
            System.out.printf(Locale.ROOT, "%n== pulse ending %s: %.1f ms CPU over %.1f ms; %d samples; %d classes loaded "
                            + "(%.1f ms), of which %d lambdas and method-handle forms (%.1f ms)%n",
                    p.end(), p.cpuMillis(), (p.end().toEpochMilli() - p.start().toEpochMilli()) * 1.0, in.size(),
                    loaded.size(), loadMillis, hidden, hiddenMillis);
            inclusive.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                    .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
            System.out.println("  self:");
            self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                    .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
            Map<String, Integer> packages = new HashMap<>();
            for (RecordedEvent l : loaded) {
                String n = l.getClass("loadedClass").getName();
                if (isHidden(n)) continue;
                packages.merge(n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n, 1, Integer::sum);
            }
            if (!packages.isEmpty()) System.out.println("  classes loaded by package: " + packages);
        }
    }

    /** Classes of the application's class path and the JDK that the JavaFX thread loaded after the first pulse. */
    private static void writeClassList(Path recording, Path out) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        long fxThread = -1;
        Instant firstPulse = Instant.MAX;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("org.ferworkbench.FxPulse")) {
                fxThread = e.getThread().getJavaThreadId();
                if (e.getStartTime().isBefore(firstPulse)) firstPulse = e.getStartTime();
            }
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        Instant from = firstPulse;
        long fx = fxThread;
        events.stream().filter(e -> e.getEventType().getName().equals("jdk.ClassLoad"))
                .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == fx && !e.getStartTime().isBefore(from))
                .sorted((a, b) -> a.getEndTime().compareTo(b.getEndTime()))   // a class is defined when its load ends
                .map(e -> e.getClass("loadedClass").getName())
                .filter(n -> !isHidden(n) && !n.startsWith("[") && !n.startsWith("org.ferworkbench.ui.tools.")
                        && !n.startsWith("org.ferworkbench.bench.") && !n.startsWith("jdk.jfr."))
                .forEach(names::add);
        java.nio.file.Files.write(out, names);
        System.out.printf("%d classes written to %s%n", names.size(), out);
    }

    private static boolean isHidden(String className) {
        return className.contains("$$Lambda") || className.contains("LambdaForm$") || className.contains("+0x");
    }

    private static boolean within(Instant t, Pulse p) {
        return !t.isBefore(p.start()) && !t.isAfter(p.end());
    }

    private static String name(RecordedFrame f) {
        var m = f.getMethod();
        return m.getType().getName() + "." + m.getName() + (f.isJavaFrame() ? "" : " (native)");
    }
}
