package org.ferworkbench.core.facenet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ferworkbench.core.face.FaceDetection;
import org.ferworkbench.core.face.MtcnnDetector;
import org.ferworkbench.core.face.MtcnnModels;
import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.ImageDecodeException;
import org.ferworkbench.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Inputs of face-api's reference run (models/reference/reference.mjs): the photos of ../shared/data/faces decoded
 * with the project's own {@link ImageCodec} (TF.js's pure-JS backend decodes no JPEG) and the faces the project's
 * MTCNN finds in them. For each photo with a face it writes the raw RGB pixels ({@code NN.rgb}, row-major, 3 bytes a
 * pixel) and, in {@code inputs.json}, the file's name, size, the sha256 of those pixels and the face boxes
 * ({@code [x, y, width, height]}, {@link FaceBox#of}, doubles written exactly).
 *
 * <pre>
 * java -cp ... org.ferworkbench.core.facenet.ReferenceInputs FACES_DIR OUT_DIR [--per-image 3] [--max-faces 28]
 * </pre>
 * Photos are taken in sorted path order; from each, the {@code --per-image} largest faces, until {@code --max-faces}.
 * models/reference/regenerate.sh runs it.
 */
public final class ReferenceInputs {

    private ReferenceInputs() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ReferenceInputs FACES_DIR OUT_DIR [--per-image N] [--max-faces N]");
            System.exit(2);
        }
        Path faces = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int perImage = 3, maxFaces = 28;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--per-image" -> perImage = Integer.parseInt(args[++i]);
                case "--max-faces" -> maxFaces = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode images = root.putArray("images");
        ImageCodec codec = new ImageCodec();
        int total = 0;
        try (MtcnnModels models = MtcnnModels.load(); MtcnnDetector detector = new MtcnnDetector(models)) {
            for (Path file : photos(faces)) {
                if (total >= maxFaces) break;
                RgbImage image;
                try {
                    image = codec.decode(Files.readAllBytes(file));
                } catch (ImageDecodeException e) {
                    System.err.println("skipped " + file + ": " + e.getMessage());
                    continue;
                }
                List<FaceDetection> found = detector.detect(image);
                int take = Math.min(Math.min(perImage, found.size()), maxFaces - total);
                String name = faces.relativize(file).toString().replace('\\', '/');
                System.out.printf(Locale.ROOT, "%-28s %5dx%-5d %d face(s), %d taken%n", name, image.width(),
                        image.height(), found.size(), take);
                if (take == 0) continue;
                String rgb = String.format(Locale.ROOT, "%02d.rgb", images.size());
                Files.write(out.resolve(rgb), image.pixels());
                ObjectNode entry = images.addObject();
                entry.put("file", name);
                entry.put("width", image.width());
                entry.put("height", image.height());
                entry.put("pixelSha256", sha256(image.pixels()));
                entry.put("rgb", rgb);
                ArrayNode boxes = entry.putArray("boxes");
                for (FaceDetection d : found.subList(0, take)) {
                    FaceBox b = FaceBox.of(d);
                    boxes.addArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
                }
                total += take;
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("inputs.json").toFile(), root);
        System.out.printf(Locale.ROOT, "%d faces in %d images written to %s%n", total, images.size(), out);
    }

    static List<Path> photos(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted()
                    .toList();
        }
    }

    /** sha256 of the decoded RGB bytes, hex: tells a different decode apart from a different net result. */
    static String sha256(byte[] pixels) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pixels));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
