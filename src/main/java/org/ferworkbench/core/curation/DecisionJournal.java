package org.ferworkbench.core.curation;

import org.ferworkbench.core.storage.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ferworkbench.core.plan.GroupDecisions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Review decisions kept in an append-only journal of JSON lines (decisions.jsonl), one line per change, each
 * forced to disk before {@link #record} returns: a crash or kill loses nothing that was recorded, and at worst
 * leaves a torn last line, which is ignored (and cut off) on the next open. Clearing a decision (undo) is a line
 * too. The file is compacted (rewritten atomically with the current state) when it has grown much longer than
 * the set of decisions. Besides a verdict per image, a line may say that a set of images are not duplicates of one
 * another ({@code {"not_duplicates": [paths]}}, cleared by the same line with {@code "cleared": true}): the export
 * then keeps near copies among them apart. Thread-safe.
 */
public final class DecisionJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "none";
    private static final String NOT_DUPLICATES = "not_duplicates";
    private static final String SAME_PERSON = "same_person";

    private final Path file;
    private final Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
    /** Sets of images a reviewer said are not duplicates of one another, by their sorted paths. */
    private final Map<List<String>, Set<String>> notDuplicates = new LinkedHashMap<>();
    /** Sets of images a reviewer said show one person, by their sorted paths. */
    private final Map<List<String>, Set<String>> samePerson = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private FileChannel channel;
    private int lines;

    private final int compactAbove;

    private DecisionJournal(Path file, int compactAbove) {
        this.file = file;
        this.compactAbove = compactAbove;
    }

    /** Opens (or creates) the journal and replays it. */
    public static DecisionJournal open(Path file) throws IOException {
        return open(file, 1000);
    }

    static DecisionJournal open(Path file, int compactAbove) throws IOException {
        DecisionJournal journal = new DecisionJournal(file, compactAbove);
        journal.load();
        return journal;
    }

    public Path file() {
        return file;
    }

    /** Problems found while replaying (damaged lines), for the user to see once. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized Optional<ReviewDecision> get(String relativePath) {
        return Optional.ofNullable(decisions.get(relativePath));
    }

    /** All current decisions by relative path. */
    public synchronized Map<String, ReviewDecision> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
    }

    /** Relative paths of the rejected images: what the export excludes. */
    public synchronized Set<String> rejected() {
        Set<String> out = new TreeSet<>();
        decisions.values().forEach(d -> {
            if (d.rejected()) out.add(d.relativePath());
        });
        return out;
    }

    /** The sets of images said not to be duplicates of one another. */
    public synchronized List<Set<String>> notDuplicates() {
        return List.copyOf(notDuplicates.values());
    }

    /** Records that the images are not duplicates of one another (near copies among them are kept apart). */
    public synchronized void recordNotDuplicates(Set<String> paths) throws IOException {
        List<String> key = new ArrayList<>(new TreeSet<>(paths));
        append(setLine(NOT_DUPLICATES, key, false));
        notDuplicates.put(key, Set.copyOf(key));
    }

    /** The review's decisions on groups: the not-duplicate sets and the same-person sets. */
    public synchronized GroupDecisions groups() {
        return new GroupDecisions(List.copyOf(notDuplicates.values()), List.copyOf(samePerson.values()));
    }

    /** Records that the images show one person (their identities are joined). */
    public synchronized void recordSamePerson(Set<String> paths) throws IOException {
        List<String> key = new ArrayList<>(new TreeSet<>(paths));
        append(setLine(SAME_PERSON, key, false));
        samePerson.put(key, Set.copyOf(key));
    }

    /** Takes back {@link #recordSamePerson} for exactly these images. */
    public synchronized void clearSamePerson(Set<String> paths) throws IOException {
        List<String> key = new ArrayList<>(new TreeSet<>(paths));
        append(setLine(SAME_PERSON, key, true));
        samePerson.remove(key);
    }

    /** Takes back {@link #recordNotDuplicates} for exactly these images. */
    public synchronized void clearNotDuplicates(Set<String> paths) throws IOException {
        List<String> key = new ArrayList<>(new TreeSet<>(paths));
        append(setLine(NOT_DUPLICATES, key, true));
        notDuplicates.remove(key);
    }

    public synchronized void record(ReviewDecision decision) throws IOException {
        append(toLine(decision.relativePath(), decision));
        decisions.put(decision.relativePath(), decision);
    }

    /**
     * Records several changes at once, in this order (a null decision clears the image's): one write and one force
     * to disk for all of them, as a bulk action or its undo needs. The lines are those {@link #record} and
     * {@link #clear} write, so a journal with them reads as before.
     */
    public synchronized void recordAll(Map<String, ReviewDecision> changes) throws IOException {
        if (changes.isEmpty()) return;
        StringBuilder out = new StringBuilder();
        changes.forEach((path, d) -> out.append(toLine(path, d)));
        append(out.toString(), changes.size());
        changes.forEach((path, d) -> {
            if (d == null) decisions.remove(path);
            else decisions.put(path, d);
        });
    }

    /** Removes any decision about the image (the image is back to undecided). */
    public synchronized void clear(String relativePath) throws IOException {
        append(toLine(relativePath, null));
        decisions.remove(relativePath);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void load() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean damaged = Files.exists(file) && replay(Files.readAllBytes(file));
        if (damaged || lines > compactAbove && lines > 3 * decisions.size()) {
            compact();
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Reads a journal without opening it for writing (no repair, no compaction): for a command-line export that
     * applies the decisions made in the app, possibly while the app still has the journal open.
     */
    public static DecisionJournal.Snapshot read(Path file) throws IOException {
        DecisionJournal j = new DecisionJournal(file, Integer.MAX_VALUE);
        j.replay(Files.readAllBytes(file));
        return new Snapshot(Collections.unmodifiableMap(new LinkedHashMap<>(j.decisions)), j.rejected(), j.groups(),
                List.copyOf(j.warnings));
    }

    /** The decisions of a journal at one moment, with the problems found while reading it. */
    public record Snapshot(Map<String, ReviewDecision> decisions, Set<String> rejected, GroupDecisions groups,
                           List<String> warnings) { }

    /** Applies the journal's lines in order; returns whether some line was damaged (torn or unreadable). */
    private boolean replay(byte[] bytes) {
        boolean damaged = false;
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        if (end < text.length()) {
            // the last write was cut short (crash during append): drop the partial line
            warnings.add("The last review decision in " + file + " was incomplete (the program was stopped while "
                    + "saving it) and was ignored.");
            damaged = true;
        }
        int lineNo = 0;
        for (String line : text.substring(0, end).split("\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            lines++;
            try {
                apply(JSON.readTree(line));
            } catch (IOException | RuntimeException e) {
                warnings.add("Line " + lineNo + " of " + file + " could not be read and was ignored.");
                damaged = true;
            }
        }
        return damaged;
    }

    private void apply(JsonNode node) {
        for (String kind : List.of(NOT_DUPLICATES, SAME_PERSON)) {
            if (!node.has(kind)) continue;
            Map<List<String>, Set<String>> sets = kind.equals(NOT_DUPLICATES) ? notDuplicates : samePerson;
            List<String> key = new ArrayList<>();
            node.get(kind).forEach(p -> key.add(p.asText()));
            java.util.Collections.sort(key);
            if (node.path("cleared").asBoolean(false)) sets.remove(key);
            else sets.put(key, Set.copyOf(key));
            return;
        }
        String path = node.get("path").asText();
        String verdict = node.get("verdict").asText();
        if (NONE.equals(verdict)) {
            decisions.remove(path);
            return;
        }
        JsonNode reason = node.get("reason");
        JsonNode note = node.get("note");
        JsonNode at = node.get("at");
        decisions.put(path, new ReviewDecision(path, Verdict.parse(verdict),
                reason == null || reason.isNull() ? null : RejectReason.parse(reason.asText()),
                note == null ? "" : note.asText(),
                at == null ? null : Instant.parse(at.asText())));
    }

    private void compact() throws IOException {
        StringBuilder out = new StringBuilder();
        for (ReviewDecision d : decisions.values()) out.append(toLine(d.relativePath(), d));
        for (List<String> key : notDuplicates.keySet()) out.append(setLine(NOT_DUPLICATES, key, false));
        for (List<String> key : samePerson.keySet()) out.append(setLine(SAME_PERSON, key, false));
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        lines = decisions.size() + notDuplicates.size() + samePerson.size();
    }

    private void append(String line) throws IOException {
        append(line, 1);
    }

    private void append(String text, int lineCount) throws IOException {
        if (channel == null) throw new IOException("the review journal " + file + " is closed");
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(false);
        lines += lineCount;
    }

    private static String setLine(String kind, List<String> paths, boolean cleared) {
        ObjectNode node = JSON.createObjectNode();
        var list = node.putArray(kind);
        paths.forEach(list::add);
        if (cleared) node.put("cleared", true);
        node.put("at", Instant.now().toString());
        return node.toString() + "\n";
    }

    private static String toLine(String path, ReviewDecision d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", path);
        node.put("verdict", d == null ? NONE : d.verdict().id());
        if (d != null && d.reason() != null) node.put("reason", d.reason().id());
        if (d != null && !d.note().isEmpty()) node.put("note", d.note());
        node.put("at", (d == null ? Instant.now() : d.at()).toString());
        return node.toString() + "\n";
    }
}
