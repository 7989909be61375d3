package org.ferworkbench.core.duplicates;

import org.ferworkbench.core.image.ImageCodec;
import org.ferworkbench.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The measurements behind the default thresholds (docs/duplicates.md), not a test:
 * <pre>
 * DuplicateSurvey variants  &lt;dataset folder or fer2013 .tar.gz&gt; [sample]   distance and thumb difference per variant kind
 * DuplicateSurvey pairs     &lt;dataset&gt; &lt;maxDistance&gt;                      near pairs of distinct pictures: thumb difference by distance
 * DuplicateSurvey groups    &lt;dataset&gt; &lt;maxDistance,...&gt; &lt;thumb,...&gt;      groups found for each setting
 * DuplicateSurvey show      &lt;dataset&gt; &lt;maxDistance&gt; &lt;thumbLo&gt; &lt;thumbHi&gt; &lt;n&gt; &lt;out dir&gt;   side-by-side PNGs of sampled near pairs
 * </pre>
 */
public final class DuplicateSurvey {
    private DuplicateSurvey() { }

    public static void main(String[] args) throws IOException {
        List<RealImages.Item> items = load(Path.of(args[1]));
        System.out.printf(Locale.ROOT, "%s: %d images%n", args[1], items.size());
        switch (args[0]) {
            case "variants" -> variants(items, args.length > 2 ? Integer.parseInt(args[2]) : 300);
            case "pairs" -> pairs(items, Integer.parseInt(args[2]));
            case "groups" -> groups(items, ints(args[2]), doubles(args[3]));
            case "show" -> show(items, Integer.parseInt(args[2]), Double.parseDouble(args[3]), Double.parseDouble(args[4]),
                    Integer.parseInt(args[5]), Path.of(args[6]));
            case "largest" -> largest(items, Integer.parseInt(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static List<RealImages.Item> load(Path p) {
        return p.toString().endsWith(".tar.gz") ? RealImages.fer2013(p) : RealImages.folder(p);
    }

    private static void variants(List<RealImages.Item> items, int sample) {
        List<RealImages.Item> picked = new ArrayList<>(items);
        java.util.Collections.shuffle(picked, new Random(14));
        picked = picked.subList(0, Math.min(sample, picked.size()));
        int[][] settings = {{8, 30}, {10, 25}, {10, 30}, {12, 25}, {12, 30}};
        System.out.printf(Locale.ROOT, "%-18s %6s %6s %6s %6s | %6s %6s %6s | caught %% at d/thumb: 8/.30 10/.25 10/.30 12/.25 12/.30%n",
                "kind", "d.p50", "d.p95", "d.p99", "d.max", "t.p50", "t.p99", "t.max");
        for (Map.Entry<String, UnaryOperator<RgbImage>> kind : Variants.kinds().entrySet()) {
            int[] d = new int[picked.size()];
            double[] t = new double[picked.size()];
            for (int i = 0; i < picked.size(); i++) {
                RgbImage image = picked.get(i).image();
                Fingerprint a = picked.get(i).fingerprint(), b = Fingerprint.of(kind.getValue().apply(image));
                d[i] = a.distance(b);
                t[i] = ThumbCheck.difference(a, b);
            }
            StringBuilder caught = new StringBuilder();
            for (int[] st : settings) {
                int c = 0;
                for (int i = 0; i < d.length; i++) if (d[i] <= st[0] && t[i] <= st[1] / 100.0) c++;
                caught.append(String.format(Locale.ROOT, " %5.1f", 100.0 * c / d.length));
            }
            Arrays.sort(d);
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "%-18s %6d %6d %6d %6d | %6.3f %6.3f %6.3f |%s%n", kind.getKey(), d[d.length / 2],
                    d[(int) (d.length * 0.95)], d[(int) (d.length * 0.99)], d[d.length - 1], t[t.length / 2], t[(int) (t.length * 0.99)], t[t.length - 1], caught);
        }
    }

    /** Distinct pictures (one per pixel content) with their near pairs at the given distance, thumbnails unchecked. */
    private record Near(List<RealImages.Item> pictures, NearSearch search, long[] pairs, ThumbCheck thumbs) {
        static Near of(List<RealImages.Item> items, int maxDistance) {
            Map<Fingerprint, RealImages.Item> first = new java.util.LinkedHashMap<>();
            for (RealImages.Item it : items) first.putIfAbsent(it.fingerprint(), it);
            List<RealImages.Item> pics = new ArrayList<>(first.values());
            long[] dct = new long[pics.size()], mir = new long[pics.size()];
            for (int i = 0; i < pics.size(); i++) {
                dct[i] = pics.get(i).fingerprint().dct();
                mir[i] = pics.get(i).fingerprint().dctMirrored();
            }
            ThumbCheck thumbs = new ThumbCheck(pics.stream().map(RealImages.Item::fingerprint).toArray(Fingerprint[]::new));
            NearSearch s = new NearSearch(dct, mir, thumbs, maxDistance, Double.MAX_VALUE);
            long[] pairs = Arrays.stream(s.pairs(0, pics.size())).sorted().distinct().toArray();
            return new Near(pics, s, pairs, thumbs);
        }

        double thumb(long pair) {
            return thumbs.difference((int) (pair >>> 32), (int) pair, 0);
        }

        int distance(long pair) {
            return search.distance((int) (pair >>> 32), (int) pair);
        }
    }

    private static void pairs(List<RealImages.Item> items, int maxDistance) {
        long start = System.nanoTime();
        Near near = Near.of(items, maxDistance);
        System.out.printf(Locale.ROOT, "%d distinct pictures, %d pairs within distance %d (%.1f s), largest bucket %d%n",
                near.pictures().size(), near.pairs().length, maxDistance, (System.nanoTime() - start) / 1e9, near.search().largestBucket());
        double[] edges = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 9};
        System.out.print("dist  pairs |");
        for (double e : edges) System.out.printf(Locale.ROOT, " <%-5.2f", e);
        System.out.println();
        for (int d = 0; d <= maxDistance; d++) {
            int[] counts = new int[edges.length];
            int total = 0;
            for (long p : near.pairs()) {
                if (near.distance(p) != d) continue;
                total++;
                double t = near.thumb(p);
                int b = 0;
                while (t >= edges[b]) b++;
                counts[b]++;
            }
            System.out.printf(Locale.ROOT, "%4d %6d |", d, total);
            for (int c : counts) System.out.printf(Locale.ROOT, " %6d", c);
            System.out.println();
        }
    }

    private static void groups(List<RealImages.Item> items, int[] distances, double[] thumbs) {
        List<DuplicateCandidate> candidates = items.stream().map(RealImages.Item::candidate).toList();
        System.out.printf(Locale.ROOT, "%4s %6s | %6s %6s %6s %7s %7s %8s %7s %6s%n", "dist", "thumb", "groups", "exact", "near",
                "images", "largest", "conflict", "sizes>5", "sec");
        for (int d : distances) {
            for (double t : thumbs) {
                long start = System.nanoTime();
                DuplicateGroups g = new DuplicateFinder(d, t, 2).find(candidates);
                double sec = (System.nanoTime() - start) / 1e9;
                long near = g.groups().stream().filter(x -> x.kinds().contains(LinkKind.NEAR)).count();
                int largest = g.groups().stream().mapToInt(DuplicateGroup::size).max().orElse(0);
                long conflicts = g.groups().stream().filter(DuplicateGroup::labelConflict).count();
                long big = g.groups().stream().filter(x -> x.size() > 5).count();
                System.out.printf(Locale.ROOT, "%4d %6.2f | %6d %6d %6d %7d %7d %8d %7d %6.2f%n", d, t, g.groups().size(),
                        g.groups().size() - near, near, g.imagesInGroups(), largest, conflicts, big, sec);
            }
        }
    }

    /** Writes n sampled near pairs with thumb difference in [lo, hi) as side-by-side PNGs (both scaled to 128 high). */
    private static void show(List<RealImages.Item> items, int maxDistance, double lo, double hi, int n, Path out) throws IOException {
        Files.createDirectories(out);
        Near near = Near.of(items, maxDistance);
        List<Long> chosen = new ArrayList<>();
        for (long p : near.pairs()) {
            double t = near.thumb(p);
            if (t >= lo && t < hi) chosen.add(p);
        }
        java.util.Collections.shuffle(chosen, new Random(7));
        ImageCodec codec = new ImageCodec();
        Map<Integer, Integer> byDistance = new TreeMap<>();
        List<RgbImage> tiles = new ArrayList<>();
        int k = 0;
        for (long p : chosen.subList(0, Math.min(n, chosen.size()))) {
            RealImages.Item a = near.pictures().get((int) (p >>> 32)), b = near.pictures().get((int) p);
            int d = near.distance(p);
            byDistance.merge(d, 1, Integer::sum);
            String label = String.format(Locale.ROOT, "%d d%d t%.2f", ++k, d, near.thumb(p));
            tiles.add(sideBySide(a.image(), b.image(), label));
            System.out.printf(Locale.ROOT, "%s  %s  %s  %s|%s%n", label, a.id(), b.id(), a.className(), b.className());
        }
        // contact sheets of 4 x 6 pairs, for looking at them
        for (int sheet = 0; sheet * 24 < tiles.size(); sheet++) {
            List<RgbImage> part = tiles.subList(sheet * 24, Math.min(tiles.size(), sheet * 24 + 24));
            Files.write(out.resolve(String.format(Locale.ROOT, "sheet%02d.png", sheet)), codec.encodePng(grid(part, 4)));
        }
        System.out.printf(Locale.ROOT, "%d pairs in [%.2f, %.2f), wrote %d; by distance %s%n", chosen.size(), lo, hi, Math.min(n, chosen.size()), byDistance);
    }

    /** Contact sheets of the members of the k largest groups (near groups only), for looking at them. */
    private static void largest(List<RealImages.Item> items, int maxDistance, double thumb, int k, Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, RealImages.Item> byId = new java.util.HashMap<>();
        for (RealImages.Item it : items) byId.put(it.id(), it);
        DuplicateGroups g = new DuplicateFinder(maxDistance, thumb, 2).find(items.stream().map(RealImages.Item::candidate).toList());
        List<DuplicateGroup> near = g.groups().stream().filter(x -> x.kinds().contains(LinkKind.NEAR))
                .sorted(java.util.Comparator.comparingInt(DuplicateGroup::size).reversed()).limit(k).toList();
        ImageCodec codec = new ImageCodec();
        for (DuplicateGroup group : near) {
            List<RgbImage> tiles = new ArrayList<>();
            for (String id : group.members().subList(0, Math.min(40, group.size()))) tiles.add(Variants.resize(byId.get(id).image(), 96, 96));
            Files.write(out.resolve(String.format(Locale.ROOT, "group%04d_n%d.png", group.id(), group.size())), codec.encodePng(grid(tiles, 8)));
            System.out.printf(Locale.ROOT, "group %d: %d members, kinds %s, classes %s, max distance %d%n", group.id(), group.size(),
                    group.kinds(), group.classes(), group.maxDistance());
        }
    }

    private static RgbImage grid(List<RgbImage> tiles, int columns) {
        int tw = tiles.stream().mapToInt(RgbImage::width).max().orElse(1), th = tiles.get(0).height();
        int rows = (tiles.size() + columns - 1) / columns, w = columns * (tw + 8);
        byte[] px = new byte[w * rows * (th + 8) * 3];
        for (int i = 0; i < tiles.size(); i++) {
            RgbImage t = tiles.get(i);
            int ox = (i % columns) * (tw + 8), oy = (i / columns) * (th + 8);
            for (int y = 0; y < t.height(); y++) {
                System.arraycopy(t.pixels(), y * t.width() * 3, px, ((oy + y) * w + ox) * 3, t.width() * 3);
            }
        }
        return new RgbImage(w, rows * (th + 8), px);
    }

    private static RgbImage sideBySide(RgbImage a, RgbImage b, String label) {
        int h = 112;
        RgbImage sa = Variants.resize(a, h, h), sb = Variants.resize(b, h, h);
        int w = 2 * h + 4, total = h + 16;
        byte[] px = new byte[w * total * 3];
        Arrays.fill(px, (byte) 255);
        for (int y = 0; y < h; y++) {
            System.arraycopy(sa.pixels(), y * h * 3, px, y * w * 3, h * 3);
            System.arraycopy(sb.pixels(), y * h * 3, px, (y * w + h + 4) * 3, h * 3);
        }
        org.opencv.core.Mat m = org.ferworkbench.core.image.Mats.toRgbMat(new RgbImage(w, total, px));
        org.opencv.imgproc.Imgproc.putText(m, label, new org.opencv.core.Point(2, total - 3),
                org.opencv.imgproc.Imgproc.FONT_HERSHEY_SIMPLEX, 0.4, new org.opencv.core.Scalar(200, 0, 0), 1);
        RgbImage out = org.ferworkbench.core.image.Mats.toRgbImage(m, -1);
        m.release();
        return out;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
