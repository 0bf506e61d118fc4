package org.sitroom.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sitroom.engine.LabelledText;

/**
 * Reads labelled data sets for evaluation, strictly: a missing column, a malformed record or a repeated id is an
 * error naming the file and line, never a silently smaller data set (a score is only worth the data it ran on).
 *
 * <ul>
 *   <li>{@code papyer}: {@code papyer_sentences.csv} ({@code id,label,text}); label 31 ("irrelevant") is clustered but
 *   not scored, as in the paper's KNNGR.</li>
 *   <li>{@code mediaeval}: MediaEval 2016 VMU {@code posts.txt} (TSV without quoting); label {@code claim} = the
 *   first of the post's image ids (the picture it spreads), or {@code event} = that id's prefix ({@code sandy}).</li>
 *   <li>{@code crisislex}: the CrisisLexT26 folder; label {@code event} = the event folder a tweet sits in; ids are
 *   {@code event/tweet id} (one tweet is labelled in two events, and rightly counts in both).</li>
 *   <li>{@code csv}: any CSV with a header, text and label columns (names configurable), an id column if present
 *   (else the line number); a blank label means "unknown": clustered, not scored.</li>
 * </ul>
 */
public final class LabelledDatasets {

    /** The supported formats, by their command-line name. */
    public enum Format {
        PAPYER, MEDIAEVAL, CRISISLEX, CSV;

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Format named(String name) throws DatasetException {
            for (Format f : values()) {
                if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new DatasetException("unknown format '" + name + "' (expected papyer, mediaeval, crisislex or csv)");
        }
    }

    /**
     * What to read.
     *
     * @param dataset     a file or folder, or a name ({@code papyer}, {@code mediaeval}, {@code crisislex}) resolved in
     *                    {@code datasets}
     * @param format      a {@link Format} name, or null to tell it from the name or the file
     * @param label       which label to score ({@code claim}/{@code event} for mediaeval), or null for the format's own
     * @param datasets    the folder the names resolve in
     * @param textColumn  csv: the text column
     * @param labelColumn csv: the label column
     * @param idColumn    csv: the id column (used if present)
     */
    public record Request(String dataset, String format, String label, Path datasets, String textColumn,
                         String labelColumn, String idColumn) {

        public static Request of(String dataset) {
            return new Request(dataset, null, null, Path.of("..", "shared", "datasets"), "text", "label", "id");
        }
    }

    /**
     * A data set read.
     *
     * @param name           short name for reports
     * @param format         its format
     * @param label          which label was read
     * @param source         the file or folder read
     * @param posts          posts in file order
     * @param unscoredLabels labels clustered but not scored
     */
    public record Dataset(String name, Format format, String label, Path source, List<LabelledText> posts,
                          Set<String> unscoredLabels) {
    }

    private static final Map<String, String> NAMES = Map.of(
            "papyer", "papyer/papyer_sentences.csv",
            "mediaeval", "mediaeval-vmu-2016-dev/posts.txt",
            "crisislex", "crisislex-t26/CrisisLexT26");

    private LabelledDatasets() {
    }

    public static Dataset load(Request request) throws DatasetException {
        if (request.dataset() == null || request.dataset().isBlank()) {
            throw new DatasetException("no dataset given: pass --dataset FILE or one of papyer, mediaeval, crisislex");
        }
        Path path = Path.of(request.dataset());
        String shortcut = request.dataset().trim().toLowerCase(Locale.ROOT);
        boolean byName = NAMES.containsKey(shortcut) && !Files.exists(path);
        if (byName) {
            path = request.datasets().resolve(NAMES.get(shortcut));
            if (!Files.exists(path)) {
                throw new DatasetException("dataset '" + shortcut + "' not found: " + path
                        + " does not exist (pass --datasets DIR, the folder holding the shared datasets, or a file)");
            }
        } else if (!Files.exists(path)) {
            throw new DatasetException("dataset not found: " + path + " (a file, a folder, or one of papyer, "
                    + "mediaeval, crisislex)");
        }
        Format format = request.format() != null ? Format.named(request.format())
                : byName ? Format.named(shortcut)
                : Files.isDirectory(path) ? Format.CRISISLEX
                : path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV
                : null;
        if (format == null) {
            throw new DatasetException("cannot tell the format of " + path
                    + ": pass --format papyer, mediaeval, crisislex or csv");
        }
        String label = label(format, request.label());
        String name = byName ? shortcut : path.getFileName().toString();
        return switch (format) {
            case PAPYER -> new Dataset(name, format, label, path,
                    readCsv(path, "id", "text", "label", true), Set.of("31"));
            case CSV -> new Dataset(name, format, label, path,
                    readCsv(path, request.idColumn(), request.textColumn(), request.labelColumn(), false), Set.of());
            case MEDIAEVAL -> new Dataset(name, format, label, path, readMediaEval(path, label), Set.of());
            case CRISISLEX -> new Dataset(name, format, label, path, readCrisisLex(path), Set.of());
        };
    }

    /** The label to read: the format's default, or one it offers. */
    static String label(Format format, String requested) throws DatasetException {
        List<String> offered = switch (format) {
            case PAPYER -> List.of("narrative");
            case MEDIAEVAL -> List.of("claim", "event");
            case CRISISLEX -> List.of("event");
            case CSV -> List.of("column");
        };
        if (requested == null) {
            return offered.getFirst();
        }
        String l = requested.trim().toLowerCase(Locale.ROOT);
        if (!offered.contains(l)) {
            throw new DatasetException("unknown label '" + requested + "' for format " + format.cliName()
                    + " (expected " + String.join(" or ", offered) + ")"
                    + (format == Format.CSV ? "; a CSV's label column is chosen with --label-column" : ""));
        }
        return l;
    }

    /**
     * A CSV with a header: text and label columns required; the id column is used when present ({@code requireId}:
     * it must be).
     */
    static List<LabelledText> readCsv(Path file, String idColumn, String textColumn, String labelColumn,
                                      boolean requireId) throws DatasetException {
        CSVFormat csv = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<LabelledText> posts = new ArrayList<>();
        Ids ids = new Ids(file);
        read(file, csv, (header, record, line) -> {
            int text = column(file, header, textColumn, "text");
            int label = column(file, header, labelColumn, "label");
            int id = requireId ? column(file, header, idColumn, "id") : header.indexOf(normalise(idColumn));
            String postId = id >= 0 ? field(file, record, id, line) : String.format("line-%09d", line);
            ids.add(postId, line);
            posts.add(new LabelledText(postId, field(file, record, text, line), field(file, record, label, line)));
        });
        return posts;
    }

    /** MediaEval VMU posts.txt: tab-separated, no quoting. */
    static List<LabelledText> readMediaEval(Path file, String label) throws DatasetException {
        CSVFormat tsv = CSVFormat.TDF.builder().setQuote(null).setIgnoreSurroundingSpaces(false)
                .setIgnoreEmptyLines(true).get();
        List<LabelledText> posts = new ArrayList<>();
        Ids ids = new Ids(file);
        read(file, tsv, (header, record, line) -> {
            int id = column(file, header, "post_id", "id");
            int text = column(file, header, "post_text", "text");
            int images = column(file, header, "image_id(s)", "image ids");
            String postId = field(file, record, id, line);
            ids.add(postId, line);
            String first = field(file, record, images, line).split(",")[0].trim();
            String value = first.isEmpty() ? null
                    : label.equals("event") && first.indexOf('_') > 0 ? first.substring(0, first.indexOf('_')) : first;
            posts.add(new LabelledText(postId, field(file, record, text, line), value));
        });
        return posts;
    }

    /** The CrisisLexT26 folder (or the folder above it, or one event's folder or file): event = folder name. */
    static List<LabelledText> readCrisisLex(Path path) throws DatasetException {
        if (Files.isDirectory(path.resolve("CrisisLexT26"))) {
            path = path.resolve("CrisisLexT26");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path, 2) : Stream.of(path)) {
            walk.filter(p -> p.getFileName().toString().endsWith("_labeled.csv")).sorted().forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("cannot list " + path + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new DatasetException("no CrisisLex *-tweets_labeled.csv files in " + path);
        }
        CSVFormat csv = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<LabelledText> posts = new ArrayList<>();
        for (Path file : files) {
            String event = file.toAbsolutePath().getParent().getFileName().toString();
            Ids ids = new Ids(file);
            read(file, csv, (header, record, line) -> {
                int id = column(file, header, "tweet id", "id");
                int text = column(file, header, "tweet text", "text");
                String tweet = field(file, record, id, line).replace("'", "").replace("\"", "").trim();
                ids.add(tweet, line);
                posts.add(new LabelledText(event + "/" + tweet, field(file, record, text, line), event));
            });
        }
        return posts;
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(List<String> header, CSVRecord record, long line) throws DatasetException;
    }

    /** Reads a delimited file: the first record is the header; UTF-8 strictly; parse errors name the line. */
    private static void read(Path file, CSVFormat format, RowHandler handler) throws DatasetException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder));
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = null;
            var iterator = parser.iterator();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!iterator.hasNext()) {
                    break;
                }
                CSVRecord record = iterator.next();
                if (header == null) {
                    header = record.stream().map(LabelledDatasets::normalise).toList();
                    continue;
                }
                handler.row(header, record, line);
            }
            if (header == null) {
                throw new DatasetException(file + " is empty (expected a header line)");
            }
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " near line " + line + ": not valid UTF-8");
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new DatasetException(file + " near line " + line + ": not valid UTF-8");
            }
            throw new DatasetException(file + " line " + line + ": cannot be read as "
                    + (format.getDelimiterString().equals("\t") ? "TSV" : "CSV") + ": " + cause.getMessage());
        }
    }

    /** Header names compare trimmed and case-insensitively (CrisisLex writes " Tweet Text"), without a BOM. */
    private static String normalise(String name) {
        return name == null ? "" : name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
    }

    private static int column(Path file, List<String> header, String name, String role) throws DatasetException {
        int index = header.indexOf(normalise(name));
        if (index < 0) {
            throw new DatasetException(file + " has no " + role + " column '" + name + "' (its columns: "
                    + String.join(", ", header) + ")");
        }
        return index;
    }

    private static String field(Path file, CSVRecord record, int index, long line) throws DatasetException {
        if (index >= record.size()) {
            throw new DatasetException(file + " line " + line + ": " + record.size() + " fields, the header has more");
        }
        return record.get(index);
    }

    /** Ids must be unique within a file: a repeated id means a broken export or a merged file. */
    private static final class Ids {
        private final Path file;
        private final Map<String, Long> lineOf = new HashMap<>();

        Ids(Path file) {
            this.file = file;
        }

        void add(String id, long line) throws DatasetException {
            if (id.isBlank()) {
                throw new DatasetException(file + " line " + line + ": empty id");
            }
            Long earlier = lineOf.putIfAbsent(id, line);
            if (earlier != null) {
                throw new DatasetException(file + " line " + line + ": duplicate id '" + id + "' (also on line "
                        + earlier + ")");
            }
        }
    }
}
