package org.ferworkbench.core.shard;

import org.ferworkbench.core.augment.Augmentation;
import org.ferworkbench.core.export.ManifestEntry;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.pipeline.RenderedRow;
import org.ferworkbench.core.split.SplitName;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's rows.bin: the rendered rows of its blocks in plan order, then (last shard only) the manifest rows of the
 * files the plan gives no row, then an end mark. Every value is kept exactly (doubles as their bits), so the merge
 * writes from it what a one-machine export writes from the rendered rows themselves. Big-endian
 * {@link DataOutputStream} values; strings as length-prefixed UTF-8.
 */
final class RowStream {
    static final int ROW = 1;
    static final int NOT_RENDERED = 2;
    static final int END = 0xE0;

    private RowStream() { }

    /** One item of the stream: a rendered row or a manifest row of a file that got none. */
    record Item(RenderedRow row, ManifestEntry notRendered) { }

    static void writeRow(DataOutputStream out, RenderedRow r) throws IOException {
        out.writeByte(ROW);
        out.writeByte(r.split().ordinal());
        out.writeInt(r.label());
        string(out, r.className());
        string(out, r.source());
        string(out, r.fileName());
        string(out, r.sha256());
        out.writeInt(r.copy());
        out.writeInt(r.attempt());
        string(out, r.planned());
        out.writeInt(r.poolSize());
        augmentation(out, r.augmentation());
        string(out, r.failure());
        RenderedRow.Face f = r.face();
        out.writeBoolean(f != null);
        if (f != null) {
            out.writeBoolean(f.accepted());
            string(out, f.reason());
            out.writeInt(f.faceCount());
            detection(out, f.detection());
            out.writeDouble(f.alignmentDegrees());
        }
        out.writeInt(r.discarded().size());
        for (RenderedRow.Discarded d : r.discarded()) {
            out.writeInt(d.label());
            string(out, d.className());
            string(out, d.source());
            string(out, d.sha256());
            out.writeInt(d.attempt());
            augmentation(out, d.augmentation());
            string(out, d.reason());
            out.writeInt(d.faceCount());
        }
        bytes(out, r.pixels());
        bytes(out, r.png());
    }

    static void writeNotRendered(DataOutputStream out, ManifestEntry e) throws IOException {
        out.writeByte(NOT_RENDERED);
        string(out, e.split());
        out.writeLong(e.index());
        out.writeInt(e.label());
        string(out, e.className());
        string(out, e.source());
        string(out, e.sha256());
        string(out, e.kind());
        out.writeInt(e.copy());
        out.writeInt(e.attempt());
        augmentation(out, e.augmentation());
        string(out, e.status());
        string(out, e.reason());
        out.writeInt(e.faceCount());
        detection(out, e.face());
        out.writeDouble(e.alignmentDegrees());
    }

    static void writeEnd(DataOutputStream out, long items) throws IOException {
        out.writeByte(END);
        out.writeLong(items);
    }

    /** The next item, or null at the end mark (after checking that {@code itemsSoFar} items came before it). */
    static Item read(DataInputStream in, long itemsSoFar) throws IOException {
        int tag;
        try {
            tag = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new IOException("it ends after " + itemsSoFar + " rows without its end mark (cut short?)");
        }
        switch (tag) {
            case ROW -> {
                return new Item(readRow(in), null);
            }
            case NOT_RENDERED -> {
                return new Item(null, readNotRendered(in));
            }
            case END -> {
                long items = in.readLong();
                if (items != itemsSoFar) throw new IOException("its end mark counts " + items + " rows, but it holds " + itemsSoFar);
                if (in.read() != -1) throw new IOException("it goes on after its end mark");
                return null;
            }
            default -> throw new IOException("it is damaged after " + itemsSoFar + " rows (unknown record " + tag + ")");
        }
    }

    private static RenderedRow readRow(DataInputStream in) throws IOException {
        int splitOrdinal = in.readUnsignedByte();
        SplitName[] splits = SplitName.values();
        if (splitOrdinal >= splits.length) throw new IOException("it is damaged (split " + splitOrdinal + ")");
        SplitName split = splits[splitOrdinal];
        int label = in.readInt();
        String className = string(in);
        String source = string(in);
        String fileName = string(in);
        String sha256 = string(in);
        int copy = in.readInt();
        int attempt = in.readInt();
        String planned = string(in);
        int poolSize = in.readInt();
        Augmentation augmentation = augmentation(in);
        String failure = string(in);
        RenderedRow.Face face = null;
        if (in.readBoolean()) {
            boolean accepted = in.readBoolean();
            String reason = string(in);
            int faceCount = in.readInt();
            FaceDetection detection = detection(in);
            face = new RenderedRow.Face(accepted, reason, faceCount, detection, in.readDouble());
        }
        int n = count(in);
        List<RenderedRow.Discarded> discarded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            discarded.add(new RenderedRow.Discarded(in.readInt(), string(in), string(in), string(in), in.readInt(),
                    augmentation(in), string(in), in.readInt()));
        }
        byte[] pixels = bytes(in);
        byte[] png = bytes(in);
        return new RenderedRow(split, label, className, source, fileName, sha256, copy, attempt, planned, poolSize,
                augmentation, failure, face, discarded, pixels, png);
    }

    private static ManifestEntry readNotRendered(DataInputStream in) throws IOException {
        return new ManifestEntry(string(in), in.readLong(), in.readInt(), string(in), string(in), string(in), string(in),
                in.readInt(), in.readInt(), augmentation(in), string(in), string(in), in.readInt(), detection(in),
                in.readDouble());
    }

    private static void augmentation(DataOutputStream out, Augmentation a) throws IOException {
        out.writeBoolean(a != null);
        if (a == null) return;
        out.writeDouble(a.rotationDegrees());
        out.writeDouble(a.brightness());
        out.writeBoolean(a.flipped());
        out.writeLong(a.seed());
    }

    private static Augmentation augmentation(DataInputStream in) throws IOException {
        if (!in.readBoolean()) return null;
        return new Augmentation(in.readDouble(), in.readDouble(), in.readBoolean(), in.readLong());
    }

    private static void detection(DataOutputStream out, FaceDetection f) throws IOException {
        out.writeBoolean(f != null);
        if (f == null) return;
        out.writeDouble(f.x1());
        out.writeDouble(f.y1());
        out.writeDouble(f.x2());
        out.writeDouble(f.y2());
        out.writeDouble(f.probability());
        out.writeInt(f.landmarks().size());
        for (FaceDetection.Landmark l : f.landmarks()) {
            out.writeDouble(l.x());
            out.writeDouble(l.y());
        }
    }

    private static FaceDetection detection(DataInputStream in) throws IOException {
        if (!in.readBoolean()) return null;
        double x1 = in.readDouble(), y1 = in.readDouble(), x2 = in.readDouble(), y2 = in.readDouble(), p = in.readDouble();
        int n = count(in);
        List<FaceDetection.Landmark> marks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) marks.add(new FaceDetection.Landmark(in.readDouble(), in.readDouble()));
        return new FaceDetection(x1, y1, x2, y2, p, marks);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = bytes(in);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > (256 << 20)) throw new IOException("it is damaged (a value of " + n + " bytes)");
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new IOException("it ends in the middle of a row (cut short?)");
        return b;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) throw new IOException("it is damaged (a count of " + n + ")");
        return n;
    }
}
