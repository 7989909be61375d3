package org.ferworkbench.ui.tools;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Drives a JavaFX UI from a plain thread, step by step: run on the FX thread, wait for a condition, snapshot. */
final class FxScript {
    private FxScript() { }

    static <T> T fx(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("UI step failed: " + e.getMessage(), e);
        }
    }

    static void fx(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until the condition (checked on the FX thread) holds. */
    static void waitFor(String what, BooleanSupplier condition, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!fx(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out waiting for " + what);
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a few pulses render (layout, images arriving). */
    static void settle(long millis) {
        sleep(millis);
        fx(() -> { });
    }

    static void snapshot(Scene scene, Path file) throws IOException {
        WritableImage image = fx(() -> scene.snapshot(null));
        write(image, file);
    }

    /** A node on the colour it is shown on (a dark theme's light text would vanish on the default white). */
    static void snapshot(Node node, Path file) throws IOException {
        WritableImage image = fx(() -> {
            javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
            p.setFill(background(node));
            return node.snapshot(p, null);
        });
        write(image, file);
    }

    /** The top opaque colour of the nearest region behind the node that has one, else the scene's fill, else white. */
    private static javafx.scene.paint.Paint background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.layout.Region r && r.getBackground() != null) {
                var fills = r.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() > 0.99) return c;
                }
            }
        }
        return node.getScene() != null && node.getScene().getFill() != null ? node.getScene().getFill() : javafx.scene.paint.Color.WHITE;
    }

    private static void write(WritableImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
