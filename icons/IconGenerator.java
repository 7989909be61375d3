import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one source of the FER Workbench application icon: a face with the detector's view of it (a bounding box drawn
 * as corner brackets and the five MTCNN landmarks: two eyes, nose, two mouth corners), on a rounded square.
 *
 * <p>Run with the JDK alone (no other tool): {@code java icons/IconGenerator.java icons}. Writes into the given folder
 * <ul>
 *   <li>{@code png/fer-workbench-N.png} for N = 16, 24, 32, 48, 64, 128, 256, 512, 1024 (Linux, and the window icon),</li>
 *   <li>{@code fer-workbench.ico} (Windows: 16..256, PNG-compressed entries, readable by Windows Vista and later),</li>
 *   <li>{@code fer-workbench.icns} (macOS: 16..1024 incl. the @2x variants, PNG entries).</li>
 * </ul>
 * Every size is drawn from the vector description below at its own resolution (no downscaling of a big bitmap);
 * below 48 px strokes and dots are thickened and the margin shrinks, so the small sizes stay legible.
 */
public final class IconGenerator {

    static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};
    static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};

    // palette
    static final Color BG_TOP = new Color(0x1E3A8A);      // indigo
    static final Color BG_BOTTOM = new Color(0x0F766E);   // teal
    static final Color FACE = new Color(0xF8FAFC);
    static final Color FACE_SHADE = new Color(0xDCE6F0);
    static final Color ACCENT = new Color(0xFBBF24);       // amber: what the detector found
    static final Color ACCENT_DARK = new Color(0xB45309);
    static final Color ACCENT_DEEP = new Color(0xEA7A00);
    static final Color BUST_TOP = new Color(0xA9C7D3);
    static final Color BUST_BOTTOM = new Color(0x7FA9B4);
    static final Color NECK = new Color(0xC9D8E2);
    static final Color INK = new Color(0x1E293B);

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "icons");
        Files.createDirectories(out.resolve("png"));
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int s : PNG_SIZES) {
            byte[] bytes = encode(draw(s));
            png.put(s, bytes);
            Files.write(out.resolve("png/fer-workbench-" + s + ".png"), bytes);
        }
        Files.write(out.resolve("fer-workbench.ico"), ico(png));
        Files.write(out.resolve("fer-workbench.icns"), icns(png));
        System.out.println("wrote " + out.resolve("png") + " (" + PNG_SIZES.length + " sizes), fer-workbench.ico, fer-workbench.icns");
    }

    /** Draws the icon at size x size pixels. The design lives on a 1024-unit canvas. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.scale(size / 1024.0, size / 1024.0);

        boolean small = size < 48;
        boolean tiny = size < 24;
        // the tile: macOS-like proportions at large sizes (room for the shadow), almost full-bleed when small
        double inset = size >= 128 ? 84 : size >= 48 ? 40 : 16;
        double tile = 1024 - 2 * inset;
        double radius = tile * 0.225;

        if (size >= 128) {   // soft drop shadow under the tile, blurred
            g.drawImage(shadow(size, inset, tile, radius), 0, 0, 1024, 1024, null);
        }
        RoundRectangle2D bg = new RoundRectangle2D.Double(inset, inset, tile, tile, radius * 2, radius * 2);
        g.setPaint(new GradientPaint(0, (float) inset, BG_TOP, 0, (float) (inset + tile), BG_BOTTOM));
        g.fill(bg);
        // a faint light from the top left
        g.setPaint(new RadialGradientPaint(new Point2D.Double(inset + tile * 0.25, inset + tile * 0.15), (float) (tile * 0.9),
                new float[]{0f, 1f}, new Color[]{new Color(255, 255, 255, 46), new Color(255, 255, 255, 0)}));
        g.fill(bg);
        if (size >= 64) {   // hairline rim
            g.setStroke(new BasicStroke(6f));
            g.setColor(new Color(255, 255, 255, 28));
            g.draw(new RoundRectangle2D.Double(inset + 3, inset + 3, tile - 6, tile - 6, radius * 2 - 6, radius * 2 - 6));
        }

        // shoulders: a pale bust cut by the tile, so the face reads as a person at every size
        Shape clip = g.getClip();
        g.clip(bg);
        double shoulderTop = tiny ? 800 : 768;
        Path2D bust = new Path2D.Double();
        bust.moveTo(512 - 330, 1024);
        bust.curveTo(512 - 330, shoulderTop + 40, 512 - 250, shoulderTop, 512 - 120, shoulderTop - 6);
        bust.lineTo(512 + 120, shoulderTop - 6);
        bust.curveTo(512 + 250, shoulderTop, 512 + 330, shoulderTop + 40, 512 + 330, 1024);
        bust.closePath();
        if (!small) {   // the neck, shaded under the chin (its foot hidden by the shoulders)
            RoundRectangle2D neck = new RoundRectangle2D.Double(512 - 80, 640, 160, shoulderTop - 600, 70, 70);
            g.setPaint(new GradientPaint(0, 690, new Color(0xAFC3D1), 0, (float) shoulderTop + 20, NECK));
            g.fill(neck);
        }
        g.setPaint(new GradientPaint(0, (float) shoulderTop, BUST_TOP, 0, 1000, BUST_BOTTOM));
        g.fill(bust);
        g.setClip(clip);

        // the face: an egg shape, narrower at the chin
        double cx = 512;
        double top = tiny ? 206 : 222;
        double bottom = tiny ? 770 : 742;
        double halfW = tiny ? 216 : 196;
        Path2D face = faceShape(cx, top, bottom, halfW);
        g.setPaint(new GradientPaint(0, (float) top, FACE, 0, (float) bottom, FACE_SHADE));
        g.fill(face);

        // landmarks (MTCNN order): eye left, eye right, nose, mouth left, mouth right
        double eyeY = top + (bottom - top) * 0.41;
        double eyeDx = halfW * 0.42;
        double noseY = top + (bottom - top) * 0.585;
        double mouthY = top + (bottom - top) * 0.74;
        double mouthDx = halfW * 0.36;
        double[][] pts = {{cx - eyeDx, eyeY}, {cx + eyeDx, eyeY}, {cx, noseY}, {cx - mouthDx, mouthY}, {cx + mouthDx, mouthY}};

        // a smile between the mouth corners: it is a facial *expression* workbench
        if (!tiny) {
            GeneralPath smile = new GeneralPath();
            smile.moveTo(pts[3][0], pts[3][1]);
            smile.quadTo(cx, mouthY + (bottom - top) * 0.11, pts[4][0], pts[4][1]);
            g.setStroke(new BasicStroke(small ? 30f : 16f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(INK.getRed(), INK.getGreen(), INK.getBlue(), small ? 120 : 160));
            g.draw(smile);
        }

        // the detector's bounding box around the head, as four corner brackets
        double bx1 = tiny ? 200 : 240, by1 = tiny ? 150 : 166, bx2 = 1024 - bx1, by2 = tiny ? 830 : 806;
        double arm = tiny ? 150 : 120;
        float bw = tiny ? 80f : small ? 58f : 32f;
        g.setStroke(new BasicStroke(bw, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ACCENT);
        g.draw(bracket(bx1, by1, arm, arm));
        g.draw(bracket(bx2, by1, -arm, arm));
        g.draw(bracket(bx1, by2, arm, -arm));
        g.draw(bracket(bx2, by2, -arm, -arm));

        // landmark dots: amber with a dark ring, so they read on the pale face; plain dark dots when small
        double r = tiny ? 46 : small ? 40 : 27;
        double ring = tiny ? 0 : small ? 12 : 9;
        for (double[] p : pts) {
            if (small) {   // below 48 px a ringed dot is mush: plain deep-amber dots read better
                g.setColor(ACCENT_DEEP);
                g.fill(new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r));
                continue;
            }
            g.setColor(INK);
            g.fill(new Ellipse2D.Double(p[0] - r - ring, p[1] - r - ring, 2 * (r + ring), 2 * (r + ring)));
            g.setPaint(new GradientPaint((float) p[0], (float) (p[1] - r), ACCENT, (float) p[0], (float) (p[1] + r),
                    new Color(0xF59E0B)));
            g.fill(new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r));
            if (size >= 128) {   // specular dot
                g.setColor(new Color(255, 255, 255, 160));
                g.fill(new Ellipse2D.Double(p[0] - r * 0.45, p[1] - r * 0.62, r * 0.55, r * 0.45));
            }
        }
        g.dispose();
        return img;
    }

    /** The tile's shadow: the tile shape offset downwards, blurred (on a 1024 canvas at the icon's resolution). */
    static BufferedImage shadow(int size, double inset, double tile, double radius) {
        double k = size / 1024.0;
        BufferedImage s = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = s.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(k, k);
        g.setColor(new Color(0, 0, 0, 110));
        g.fill(new RoundRectangle2D.Double(inset + 6, inset + 22, tile - 12, tile - 8, radius * 2, radius * 2));
        g.dispose();
        int rad = Math.max(1, (int) Math.round(22 * k));
        float[] kernel = new float[2 * rad + 1];
        float sum = 0;
        for (int i = -rad; i <= rad; i++) {
            kernel[i + rad] = (float) Math.exp(-(i * i) / (2.0 * (rad / 2.0) * (rad / 2.0)));
            sum += kernel[i + rad];
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
        BufferedImageOp h = new ConvolveOp(new Kernel(kernel.length, 1, kernel), ConvolveOp.EDGE_NO_OP, null);
        BufferedImageOp v = new ConvolveOp(new Kernel(1, kernel.length, kernel), ConvolveOp.EDGE_NO_OP, null);
        return v.filter(h.filter(s, null), null);
    }

    static Path2D faceShape(double cx, double top, double bottom, double halfW) {
        double h = bottom - top;
        double wideY = top + h * 0.42;      // widest at the cheekbones
        double chinW = halfW * 0.40;
        Path2D p = new Path2D.Double();
        p.moveTo(cx, top);
        p.curveTo(cx + halfW * 0.62, top, cx + halfW, top + h * 0.17, cx + halfW, wideY);
        p.curveTo(cx + halfW, top + h * 0.70, cx + chinW * 1.6, bottom - h * 0.05, cx + chinW * 0.2, bottom - h * 0.002);
        p.quadTo(cx, bottom + h * 0.004, cx - chinW * 0.2, bottom - h * 0.002);
        p.curveTo(cx - chinW * 1.6, bottom - h * 0.05, cx - halfW, top + h * 0.70, cx - halfW, wideY);
        p.curveTo(cx - halfW, top + h * 0.17, cx - halfW * 0.62, top, cx, top);
        p.closePath();
        return p;
    }

    /** An L-shaped corner: from (x, y + dy) to (x, y) to (x + dx, y). */
    static Path2D bracket(double x, double y, double dx, double dy) {
        Path2D p = new Path2D.Double();
        p.moveTo(x, y + dy);
        p.lineTo(x, y);
        p.lineTo(x + dx, y);
        return p;
    }

    static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }

    /** Windows .ico: ICONDIR, one 16-byte ICONDIRENTRY per size, then the PNG streams (little-endian fields). */
    static byte[] ico(Map<Integer, byte[]> png) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        int n = ICO_SIZES.length;
        writeLe16(bos, 0);   // reserved
        writeLe16(bos, 1);   // type: icon
        writeLe16(bos, n);
        int offset = 6 + 16 * n;
        for (int s : ICO_SIZES) {
            byte[] data = png.get(s);
            bos.write(s >= 256 ? 0 : s);   // width (0 means 256)
            bos.write(s >= 256 ? 0 : s);   // height
            bos.write(0);                  // palette colours
            bos.write(0);                  // reserved
            writeLe16(bos, 1);             // colour planes
            writeLe16(bos, 32);            // bits per pixel
            writeLe32(bos, data.length);
            writeLe32(bos, offset);
            offset += data.length;
        }
        for (int s : ICO_SIZES) bos.write(png.get(s));
        return bos.toByteArray();
    }

    /** macOS .icns: 'icns' + total length, then (type, length incl. 8-byte header, PNG) per entry (big-endian). */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Object[][] entries = {
                {"icp4", 16}, {"icp5", 32}, {"icp6", 64}, {"ic07", 128}, {"ic08", 256}, {"ic09", 512},
                {"ic11", 32}, {"ic12", 64}, {"ic13", 256}, {"ic14", 512}, {"ic10", 1024}};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (Object[] e : entries) {
            byte[] data = png.get((Integer) e[1]);
            d.writeBytes((String) e[0]);
            d.writeInt(8 + data.length);
            d.write(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }

    static void writeLe16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write((v >>> 8) & 0xff);
    }

    static void writeLe32(ByteArrayOutputStream o, int v) {
        writeLe16(o, v & 0xffff);
        writeLe16(o, (v >>> 16) & 0xffff);
    }
}
