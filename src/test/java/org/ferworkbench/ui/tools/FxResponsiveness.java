package org.ferworkbench.ui.tools;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures how long the JavaFX thread is ever kept from its work, two ways: the gap between consecutive pulses
 * (an AnimationTimer keeps pulses coming at 60 per second; a long gap means the thread was busy), and the delay of
 * a probe posted with Platform.runLater every 20 ms (a long delay means something ran long on the thread).
 */
final class FxResponsiveness implements AutoCloseable {
    private final List<Double> pulseGaps = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> probeDelays = Collections.synchronizedList(new ArrayList<>());
    /** CPU time the JavaFX thread itself used between two pulses: its own work, whatever else runs on the machine. */
    private final List<Double> pulseCpu = Collections.synchronizedList(new ArrayList<>());
    /** The pulse intervals over 50 ms of JavaFX-thread CPU, with when they ended (to match with -Dfer.startupLog). */
    private final List<String> longPulses = Collections.synchronizedList(new ArrayList<>());
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long lastCpu = -1;
    private long lastEpoch;
    private Thread lastThread;
    private final AnimationTimer timer;
    private final Thread prober;
    private volatile boolean running = true;
    private volatile long last;
    private volatile Thread fxThread;
    private final java.util.Map<String, Integer> stalls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread watchdog;

    /**
     * One pulse interval of the JavaFX thread, in a flight recording (with -XX:StartFlightRecording; free otherwise):
     * JfrPulses finds the long ones and what the thread was doing in them.
     */
    @jdk.jfr.Name("org.ferworkbench.FxPulse")
    @jdk.jfr.Label("JavaFX pulse interval")
    @jdk.jfr.StackTrace(false)
    static final class PulseEvent extends jdk.jfr.Event {
        @jdk.jfr.Label("JavaFX thread CPU (ms)")
        double cpuMillis;
    }

    private PulseEvent pulse;

    /**
     * Makes the flight-recorder event class ready (its first use loads and registers it: about 100 ms, which the
     * first measured pulse would otherwise count). Call once before the window shows, off the JavaFX thread.
     */
    static void prepare() {
        PulseEvent e = new PulseEvent();
        e.begin();
        e.commit();
    }
    private volatile long cssStart = -1;
    private volatile long cssEnd = -1;
    private final java.util.List<Runnable> unwatch = new java.util.ArrayList<>();

    /** Also splits each long pulse into the scene's CSS and layout and the rest (call on the JavaFX thread). */
    void watch(javafx.scene.Scene scene) {
        Runnable pre = () -> cssStart = threads.getCurrentThreadCpuTime();
        Runnable post = () -> cssEnd = threads.getCurrentThreadCpuTime();
        scene.addPreLayoutPulseListener(pre);
        scene.addPostLayoutPulseListener(post);
        unwatch.add(() -> {
            scene.removePreLayoutPulseListener(pre);
            scene.removePostLayoutPulseListener(post);
        });
    }

    FxResponsiveness() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                if (pulse != null && lastCpu >= 0) {
                    pulse.cpuMillis = (cpu - lastCpu) / 1e6;
                    pulse.commit();
                }
                pulse = new PulseEvent();
                pulse.begin();
                if (lastCpu >= 0) {
                    pulseCpu.add((cpu - lastCpu) / 1e6);
                    // the window's CSS and layout in this interval (when watched), the rest being events and rendering
                    String split = cssStart >= lastCpu && cssEnd >= cssStart
                            ? String.format(Locale.ROOT, " (CSS and layout %.0f ms)", (cssEnd - cssStart) / 1e6) : "";
                    if (cpu - lastCpu > 50_000_000L) longPulses.add(String.format(Locale.ROOT, "%.0f ms CPU%s in %.0f ms from epoch %d to %d%s",
                            (cpu - lastCpu) / 1e6, split, (t - last) / 1e6, lastEpoch, System.currentTimeMillis(),
                            lastThread == Thread.currentThread() ? "" : " (first reading on " + lastThread + ")"));
                }
                lastCpu = cpu;
                lastEpoch = System.currentTimeMillis();
                lastThread = Thread.currentThread();
                if (last != 0) pulseGaps.add((t - last) / 1e6);
                last = t;
                fxThread = Thread.currentThread();
            }
        };
        Platform.runLater(timer::start);
        prober = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                Platform.runLater(() -> probeDelays.add((System.nanoTime() - posted) / 1e6));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-probe");
        prober.setDaemon(true);
        prober.start();
        // when a pulse is overdue by 60 ms, note what the JavaFX thread is doing (to find the cause of stalls)
        watchdog = new Thread(() -> {
            long sampledFor = 0;
            while (running) {
                long l = last;
                Thread fx = fxThread;
                if (fx != null && l != 0 && System.nanoTime() - l > 35_000_000L && sampledFor != l
                        && threads.getThreadCpuTime(fx.getId()) - lastCpu > 25_000_000L) {
                    // overdue, and the JavaFX thread itself has been working most of that time: what on?
                    sampledFor = l;
                    StackTraceElement[] st = fx.getStackTrace();
                    StringBuilder b = new StringBuilder();
                    int shown = 0;
                    for (StackTraceElement e : st) {
                        String c = e.getClassName();
                        if (shown < 16 && (shown < 8 || c.startsWith("org.ferworkbench") || c.startsWith("impl.org.controlsfx"))) {
                            b.append("\n      at ").append(e);
                            shown++;
                        }
                    }
                    stalls.merge(b.toString(), 1, Integer::sum);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The most frequent JavaFX-thread stacks seen during stalls. */
    String stallReport(int top) {
        StringBuilder b = new StringBuilder();
        stalls.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
                .forEach(e -> b.append("\n  ").append(e.getValue()).append(" stalls in:").append(e.getKey()));
        return b.toString();
    }

    /** When the pulse intervals with over 50 ms of JavaFX-thread CPU ended. */
    String longPulses() {
        synchronized (longPulses) {
            return String.join("; ", longPulses);
        }
    }

    /** Forgets what was measured so far (e.g. the start-up of the window). */
    void reset() {
        longPulses.clear();
        pulseCpu.clear();
        pulseGaps.clear();
        probeDelays.clear();
    }

    double maxPulseGap() {
        synchronized (pulseGaps) {
            return pulseGaps.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    double maxProbeDelay() {
        synchronized (probeDelays) {
            return probeDelays.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    long pulsesOver(double millis) {
        synchronized (pulseGaps) {
            return pulseGaps.stream().filter(g -> g > millis).count();
        }
    }

    long probesOver(double millis) {
        synchronized (probeDelays) {
            return probeDelays.stream().filter(g -> g > millis).count();
        }
    }

    String describe() {
        List<Double> cpu;
        synchronized (pulseCpu) {
            cpu = new ArrayList<>(pulseCpu);
        }
        Collections.sort(cpu);
        return describeWall() + String.format(Locale.ROOT, "; FX thread CPU per pulse: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d over 50 ms",
                pct(cpu, 0.5), pct(cpu, 0.99), cpu.isEmpty() ? 0 : cpu.get(cpu.size() - 1), cpu.stream().filter(c -> c > 50).count());
    }

    private String describeWall() {
        List<Double> gaps;
        List<Double> probes;
        synchronized (pulseGaps) {
            gaps = new ArrayList<>(pulseGaps);
        }
        synchronized (probeDelays) {
            probes = new ArrayList<>(probeDelays);
        }
        Collections.sort(gaps);
        Collections.sort(probes);
        return String.format(Locale.ROOT, "pulses %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d over 50 ms; "
                        + "runLater probes %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d over 50 ms",
                gaps.size(), pct(gaps, 0.5), pct(gaps, 0.99), maxPulseGap(), pulsesOver(50),
                probes.size(), pct(probes, 0.5), pct(probes, 0.99), maxProbeDelay(), probesOver(50));
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
        watchdog.interrupt();
        Platform.runLater(() -> {
            timer.stop();
            unwatch.forEach(Runnable::run);
        });
    }
}
