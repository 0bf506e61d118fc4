package org.sitroom.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV and TSV with a header line. Records are cut out of the byte stream first (a quoted field may span lines)
 * and only then decoded and parsed one by one, so one bad record (unclosed quote, wrong column count, invalid
 * UTF-8, a 5 MB line) is quarantined on its own and the reader carries on with the next line.
 */
final class DelimitedRecordReader implements RecordReader {

    /** A quoted field spanning more lines than this is taken for an unclosed quote. */
    static final int MAX_LINES_PER_RECORD = 500;

    private final InputStream in;
    private final BoundedLineReader lines;
    private final Deque<BoundedLineReader.Line> pushedBack = new ArrayDeque<>();
    private final RecordMapper mapper;
    private final ColumnMapping mapping;
    private final Utf8 utf8 = new Utf8();
    private final char delimiter;
    private final Character quote;
    private final CSVFormat csv;
    private final int maxRecordBytes;
    private final String sizeLimit;
    private List<String> header;
    private Map<String, Integer> columns;
    private boolean fatal;
    private long position;
    private long linesRead;

    /**
     * @param header the header when resuming after it (null to read it from the input's first line)
     */
    DelimitedRecordReader(InputStream in, Format format, String sourceId, ColumnMapping mapping, Clock clock,
                          long startOffset, long linesBefore, int maxLineBytes, List<String> header) {
        this.in = in;
        this.lines = new BoundedLineReader(in, startOffset, linesBefore, maxLineBytes);
        this.mapping = mapping;
        this.mapper = new RecordMapper(sourceId, mapping, clock, "column");
        this.delimiter = mapping.delimiter() != null ? mapping.delimiter() : format == Format.TSV ? '\t' : ',';
        String q = mapping.quote();
        this.quote = q == null ? (format == Format.TSV ? null : Character.valueOf('"'))
                : q.isEmpty() ? null : Character.valueOf(q.charAt(0));
        this.csv = quote == null ? null : CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote(quote)
                .setIgnoreSurroundingSpaces(false)
                .setIgnoreEmptyLines(false)
                .get();
        this.maxRecordBytes = maxLineBytes;
        this.sizeLimit = RecordReaders.describeLimit(maxLineBytes);
        this.position = startOffset;
        this.linesRead = linesBefore;
        if (header != null) {
            Outcome problem = useHeader(header, "line 1", "line 1", new byte[0]);
            if (problem != null) {
                throw new IllegalArgumentException(((Outcome.Rejected) problem).quarantined().reason());
            }
        } else if (startOffset != 0) {
            throw new IllegalArgumentException("resuming a " + format + " file mid-way needs its header");
        }
    }

    /**
     * The result of decoding and parsing a group of lines as one record. The structure is judged on a lenient
     * decoding, so that a record with a bad byte is still recognised as one record (and quarantined as such).
     *
     * @param values          the fields, or null when the bytes do not parse as one record
     * @param problem         why the record is unusable (structure or encoding), or null
     */
    private record Attempt(List<String> values, String problem) {
        boolean ok() {
            return problem == null;
        }

        boolean wellFormed(List<String> header) {
            return values != null && (header == null || values.size() == header.size());
        }
    }

    @Override
    public Outcome next() throws IOException {
        if (fatal) {
            return null;
        }
        while (true) {
            BoundedLineReader.Line first = nextLine();
            if (first == null) {
                return null;
            }
            String where = "line " + first.number();
            String at = RecordReaders.position(first);
            if (first.overlong()) {
                consume(first);
                return mapper.reject(where, at, "line longer than " + sizeLimit + " ("
                        + Utf8.humanSize(first.contentLength()) + ")", first.content(), first.contentLength());
            }
            if (first.content().length == 0 || (first.start() == 0 && isBom(first.content()))) {
                consume(first);
                continue;
            }
            List<BoundedLineReader.Line> group = new ArrayList<>();
            group.add(first);
            boolean open = quote != null && oddQuotes(first);
            if (open) {
                // An odd quote count may be a stray quote inside a field, which CSV takes literally: if the line
                // is a whole record by itself, it is one (a line that opens a quoted field never parses alone).
                Attempt alone = parse(first.content(), first.start());
                if (alone.wellFormed(header)) {
                    consume(first);
                    return header == null ? headerOutcome(alone, where, at, first.content())
                            : record(alone, where, at, first.content());
                }
            }
            long bytes = first.content().length;
            while (open && group.size() < MAX_LINES_PER_RECORD && bytes < maxRecordBytes) {
                BoundedLineReader.Line more = nextLine();
                if (more == null) {
                    break;
                }
                if (more.overlong()) {
                    pushedBack.push(more);
                    break;
                }
                group.add(more);
                bytes += more.content().length + more.terminatorLength();
                open ^= oddQuotes(more);
            }
            byte[] raw = join(group);
            Attempt attempt = parse(raw, first.start());
            if (group.size() > 1 && !attempt.wellFormed(header)) {
                // The lines after the first were taken in only to close a quote, and no record came of it: the
                // first line alone is the bad record, and the others are read again as records of their own.
                for (int i = group.size() - 1; i >= 1; i--) {
                    pushedBack.push(group.get(i));
                }
                group = List.of(first);
                raw = first.content();
                attempt = parse(raw, first.start());
            }
            consume(group.getLast());
            return header == null ? headerOutcome(attempt, where, at, raw) : record(attempt, where, at, raw);
        }
    }

    private Outcome record(Attempt attempt, String where, String at, byte[] raw) {
        if (!attempt.ok()) {
            return mapper.reject(where, at, attempt.problem(), raw);
        }
        List<String> values = attempt.values();
        return mapper.map(name -> {
            Integer index = columns.get(name);
            return index == null ? RecordMapper.Field.ABSENT : RecordMapper.Field.of(values.get(index));
        }, where, at, raw);
    }

    private Outcome headerOutcome(Attempt attempt, String where, String at, byte[] raw) throws IOException {
        if (!attempt.ok()) {
            fatal = true;
            return mapper.reject(where, at, "unreadable header: " + attempt.problem(), raw);
        }
        Outcome problem = useHeader(attempt.values(), where, at, raw);
        if (problem != null) {
            fatal = true;
            return problem;
        }
        return next();
    }

    private Outcome useHeader(List<String> names, String where, String at, byte[] raw) {
        List<String> trimmed = names.stream().map(n -> n.strip().replace("\uFEFF", "")).toList();
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> folded = new HashMap<>();
        for (int i = 0; i < trimmed.size(); i++) {
            exact.putIfAbsent(trimmed.get(i), i);
            folded.putIfAbsent(trimmed.get(i).toLowerCase(Locale.ROOT), i);
        }
        Map<String, Integer> resolved = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String field : mapping.fields()) {
            Integer index = exact.get(field.strip());
            if (index == null) {
                index = folded.get(field.strip().toLowerCase(Locale.ROOT));
            }
            if (index == null) {
                missing.add("'" + field + "'");
            } else {
                resolved.put(field, index);
            }
        }
        if (!missing.isEmpty()) {
            return mapper.reject(where, at, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " in the header (it has: "
                    + Texts.excerpt(String.join(", ", trimmed)) + ")", raw);
        }
        this.header = trimmed;
        this.columns = resolved;
        return null;
    }

    private Attempt parse(byte[] raw, long start) {
        byte[] bytes = start == 0 ? RecordReaders.stripBom(raw) : raw;
        String text;
        String encodingProblem = null;
        try {
            text = utf8.decode(bytes);
        } catch (Utf8.MalformedException e) {
            encodingProblem = "invalid UTF-8 at byte " + (start + e.index + (raw.length - bytes.length));
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        List<String> values;
        String structureProblem = null;
        if (quote == null) {
            values = Arrays.asList(text.split(String.valueOf(delimiter), -1));
        } else {
            values = null;
            try (CSVParser parser = CSVParser.parse(text, csv)) {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() == 1) {
                    values = records.getFirst().toList();
                } else {
                    structureProblem = "a stray carriage return splits the record";
                }
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                structureProblem = message.contains("EOF reached before encapsulated token finished")
                        ? "unclosed quote" : "malformed record: " + Texts.excerpt(message);
            }
        }
        if (structureProblem == null && values != null && header != null && values.size() != header.size()) {
            structureProblem = "expected " + header.size() + " columns, found " + values.size();
        }
        // A bad byte is the more specific finding when both are wrong (it may well be why the structure broke).
        return new Attempt(values, encodingProblem != null ? encodingProblem : structureProblem);
    }

    private boolean oddQuotes(BoundedLineReader.Line line) {
        int count = 0;
        byte q = (byte) quote.charValue();
        for (byte b : line.content()) {
            if (b == q) {
                count++;
            }
        }
        return (count & 1) == 1;
    }

    private static byte[] join(List<BoundedLineReader.Line> group) {
        if (group.size() == 1) {
            return group.getFirst().content();
        }
        int size = 0;
        for (int i = 0; i < group.size(); i++) {
            size += group.get(i).content().length + (i < group.size() - 1 ? group.get(i).terminatorLength() : 0);
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < group.size(); i++) {
            byte[] part = i < group.size() - 1 ? group.get(i).withTerminator() : group.get(i).content();
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static boolean isBom(byte[] content) {
        return content.length == 3 && RecordReaders.stripBom(content).length == 0;
    }

    private BoundedLineReader.Line nextLine() throws IOException {
        return pushedBack.isEmpty() ? lines.next() : pushedBack.pop();
    }

    private void consume(BoundedLineReader.Line last) {
        position = last.end();
        linesRead = last.number();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long linesRead() {
        return linesRead;
    }

    @Override
    public List<String> header() {
        return header == null ? List.of() : header;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
