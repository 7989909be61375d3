package org.ferworkbench.core.audit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ferworkbench.core.dataset.Dataset;
import org.ferworkbench.core.dataset.DatasetException;
import org.ferworkbench.core.dataset.DatasetScanner;
import org.ferworkbench.core.dataset.Sample;
import org.ferworkbench.core.duplicates.DuplicateCandidate;
import org.ferworkbench.core.duplicates.DuplicateFinder;
import org.ferworkbench.core.duplicates.DuplicateGroup;
import org.ferworkbench.core.parallel.Parallel;
import org.ferworkbench.core.progress.Cancellation;
import org.ferworkbench.core.progress.ProgressListener;
import org.ferworkbench.core.read.Reading;
import org.ferworkbench.core.read.SourceImage;
import org.ferworkbench.core.read.SourceReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a split that already exists for leakage: duplicate and near-duplicate images (the finder prepare uses) on
 * more than one side. Two layouts: an export of this tool (its manifest says which source went to which side; the
 * sources are read from the dataset), or any folder with {@code train/} and {@code test/} (and optionally {@code val/})
 * each holding class folders, the common ImageFolder layout.
 */
public final class SplitAudit {
    /** The split folders of the ImageFolder layout, in the order they are reported. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private final SourceReader reader;
    private final DatasetScanner scanner;

    public SplitAudit(SourceReader reader, DatasetScanner scanner) {
        this.reader = reader;
        this.scanner = scanner;
    }

    /** One image of the audited split: its id (split/class/file, or the dataset path for an export), split and class. */
    public record AuditedImage(String id, String split, String className, Sample sample) { }

    /** A group of duplicates with the splits its images are in. */
    public record AuditedGroup(DuplicateGroup group, List<String> splits) {
        public boolean straddles() {
            return splits.size() > 1;
        }
    }

    public record Result(Map<String, Integer> imagesPerSplit, List<String> unreadable, List<AuditedGroup> groups) {
        public long straddling() {
            return groups.stream().filter(AuditedGroup::straddles).count();
        }

        public long labelConflicts() {
            return groups.stream().filter(g -> g.group().labelConflict()).count();
        }

        public boolean clean() {
            return straddling() == 0;
        }
    }

    /**
     * @param dataset for an export, the dataset it was made from (null: the one its summary.json names)
     */
    public Result audit(Path folder, Path dataset, int nearDistance, Parallel parallel, ProgressListener progress,
                        Cancellation cancellation) throws DatasetException, IOException {
        List<AuditedImage> images = Files.exists(folder.resolve("manifest.csv")) ? fromExport(folder, dataset) : fromSplitFolders(folder);
        List<Sample> samples = images.stream().map(AuditedImage::sample).toList();
        Reading reading = reader.readAll(samples, parallel, progress, cancellation);
        Map<Sample, SourceImage> read = new HashMap<>();
        for (SourceImage s : reading.usable()) read.put(s.sample(), s);
        List<DuplicateCandidate> candidates = new ArrayList<>();
        Map<String, String> splitOf = new HashMap<>();
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        for (AuditedImage i : images) {
            perSplit.merge(i.split(), 1, Integer::sum);
            SourceImage s = read.get(i.sample());
            if (s == null) continue;
            candidates.add(new DuplicateCandidate(i.id(), i.className(), s.sha256(), s.fingerprint()));
            splitOf.put(i.id(), i.split());
        }
        List<AuditedGroup> groups = new ArrayList<>();
        for (DuplicateGroup g : new DuplicateFinder(nearDistance).find(candidates).groups()) {
            TreeSet<String> sides = new TreeSet<>(java.util.Comparator.comparingInt(SPLITS::indexOf));
            for (String m : g.members()) sides.add(splitOf.get(m));
            groups.add(new AuditedGroup(g, List.copyOf(sides)));
        }
        List<String> unreadable = reading.unusable().stream().map(u -> u.sample().file() + ": " + u.reason()).toList();
        return new Result(perSplit, unreadable, groups);
    }

    private List<AuditedImage> fromSplitFolders(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder.resolve("train")) || !Files.isDirectory(folder.resolve("test"))) {
            throw new DatasetException(folder + " is neither an export of FER Workbench (no manifest.csv) nor a split folder "
                    + "with train/ and test/ (and optionally val/) holding class folders");
        }
        List<AuditedImage> images = new ArrayList<>();
        for (String split : SPLITS) {
            Path side = folder.resolve(split);
            if (!Files.isDirectory(side)) continue;
            Dataset d = scanner.scan(side);
            for (Sample s : d.samples()) images.add(new AuditedImage(split + "/" + s.relativePath(), split, s.className(), s));
        }
        return images;
    }

    /** The sources an export used, each on the side its manifest says (copies and rows not exported left aside). */
    private List<AuditedImage> fromExport(Path folder, Path dataset) throws IOException, DatasetException {
        Path root = dataset != null ? dataset : datasetOf(folder);
        Map<String, AuditedImage> bySource = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(folder.resolve("manifest.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (r.get("index").isEmpty() || !"original".equals(r.get("kind"))) continue;
                String source = r.get("source");
                Path file = root.resolve(source);
                bySource.putIfAbsent(source, new AuditedImage(source, r.get("split"), r.get("class"),
                        new Sample(r.get("class"), Integer.parseInt(r.get("label")), source, file)));
            }
        } catch (IllegalArgumentException e) {
            throw new DatasetException(folder.resolve("manifest.csv") + " is not a manifest of FER Workbench: " + e.getMessage());
        }
        for (AuditedImage i : bySource.values()) {
            if (!Files.isRegularFile(i.sample().file())) {
                throw new DatasetException("The export's source " + i.id() + " is not in " + root
                        + " (give the dataset it was made from with --dataset)");
            }
        }
        return new ArrayList<>(bySource.values());
    }

    private static Path datasetOf(Path export) throws IOException, DatasetException {
        Path summary = export.resolve("summary.json");
        if (Files.exists(summary)) {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile()).get("dataset");
            if (node != null && node.isTextual()) return Path.of(node.asText());
        }
        throw new DatasetException(export + " does not say which dataset it was made from (exports before this version): "
                + "give it with --dataset");
    }
}
