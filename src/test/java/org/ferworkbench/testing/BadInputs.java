package org.ferworkbench.testing;

import org.ferworkbench.core.image.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messy-folder corpus of issue 6, generated (nothing binary is committed): every case is a file written
 * into a dataset's class folder, with what the tool is expected to do with it.
 */
public final class BadInputs {
    private BadInputs() { }

    /** What should happen to a case: exported, or listed with a reason containing the given words. */
    public record Expect(boolean exported, String reasonContains) {
        static Expect ok() {
            return new Expect(true, null);
        }

        static Expect listed(String reason) {
            return new Expect(false, reason);
        }
    }

    /** Writes the corpus into class folder dir (relative names are the keys). */
    public static Map<String, Expect> write(Path root, String cls) throws IOException {
        Path dir = Files.createDirectories(root.resolve(cls));
        Map<String, Expect> cases = new LinkedHashMap<>();
        RgbImage face = TestData.image(64, 64, 11);
        byte[] jpeg = TestData.jpeg(face);

        put(cases, dir, cls, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), Expect.listed("truncated JPEG"));
        put(cases, dir, cls, "zero-bytes.jpg", new byte[0], Expect.listed("empty file"));
        put(cases, dir, cls, "text.jpg", "this is not an image\n".getBytes(), Expect.listed("not an image"));
        put(cases, dir, cls, "webp-named.jpg", TestData.encode(face, ".webp"), Expect.ok());
        put(cases, dir, cls, "png-named.jpg", TestData.png(face), Expect.ok());
        put(cases, dir, cls, "cmyk.jpg", cmykJpeg(48, 40), Expect.ok());
        put(cases, dir, cls, "sixteen-bit.png", png16(40, 30), Expect.ok());
        put(cases, dir, cls, "alpha.png", pngWithAlpha(30, 30), Expect.ok());
        put(cases, dir, cls, "one-pixel.png", TestData.png(TestData.solid(1, 1, 200, 100, 50)), Expect.ok());
        put(cases, dir, cls, "eight-pixels.png", TestData.png(TestData.image(8, 8, 3)), Expect.ok());
        put(cases, dir, cls, "huge-12000x9000.jpg", hugeJpeg(12000, 9000), Expect.ok());
        put(cases, dir, cls, "bomb-27000x27000.png", HostileImages.blackPng(27000, 27000), Expect.listed("too large to decode safely"));
        put(cases, dir, cls, "exif-rotated.jpg", withExifOrientation(TestData.jpeg(TestData.image(60, 40, 5)), 6), Expect.ok());
        put(cases, dir, cls, "ängstlich überrascht 😀 (1).jpg", jpeg, Expect.ok());
        put(cases, dir, cls, "with spaces  and,comma.jpg", TestData.jpeg(TestData.image(50, 50, 7)), Expect.ok());
        try {
            Files.createSymbolicLink(dir.resolve("loop.jpg"), dir.resolve("loop.jpg"));
            cases.put(cls + "/loop.jpg", Expect.listed("not a regular file"));
            Files.createSymbolicLink(dir.resolve("folder-loop"), dir);
            cases.put(cls + "/folder-loop", Expect.listed("nested"));
        } catch (UnsupportedOperationException | IOException e) {
            // no symbolic links on this file system: nothing to test there
        }
        return cases;
    }

    private static void put(Map<String, Expect> cases, Path dir, String cls, String name, byte[] bytes, Expect expect)
            throws IOException {
        Files.write(dir.resolve(name), bytes);
        cases.put(cls + "/" + name, expect);
    }

    /** A 4-component (CMYK) JPEG, written with ImageIO from a raw raster (OpenCV cannot write CMYK). */
    public static byte[] cmykJpeg(int w, int h) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) raster.setPixel(x, y, new int[]{x * 5, y * 6, 40, 10});
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] png16(int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_16UC3, new Scalar(1000, 30000, 65535));
        return encode(m, ".png");
    }

    static byte[] pngWithAlpha(int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC4, new Scalar(10, 120, 250, 40));
        return encode(m, ".png");
    }

    static byte[] hugeJpeg(int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(90, 110, 130));
        Imgproc.circle(m, new org.opencv.core.Point(w / 2.0, h / 2.0), h / 3, new Scalar(200, 180, 160), -1);
        return encode(m, ".jpg");
    }

    private static byte[] encode(Mat m, String ext) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(ext, m, buf);
        byte[] bytes = buf.toArray();
        buf.release();
        m.release();
        return bytes;
    }

    /** Inserts an APP1 Exif segment with the given Orientation tag right after the JPEG's SOI marker. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // header, IFD at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        int len = exif.length + 2;
        byte[] out = new byte[jpeg.length + 4 + exif.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(exif, 0, out, 6, exif.length);
        System.arraycopy(jpeg, 2, out, 6 + exif.length, jpeg.length - 2);
        return out;
    }
}
