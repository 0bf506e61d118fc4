package org.sitroom.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON Lines: one object per line; blank lines are skipped, anything else that is not an object is quarantined. */
final class JsonlRecordReader implements RecordReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final InputStream in;
    private final BoundedLineReader lines;
    private final RecordMapper mapper;
    private final Utf8 utf8 = new Utf8();
    private final String sizeLimit;
    private long position;
    private long linesRead;

    JsonlRecordReader(InputStream in, String sourceId, ColumnMapping mapping, Clock clock, long startOffset,
                      long linesBefore, int maxLineBytes) {
        this.in = in;
        this.lines = new BoundedLineReader(in, startOffset, linesBefore, maxLineBytes);
        this.mapper = new RecordMapper(sourceId, mapping, clock, "field");
        this.sizeLimit = RecordReaders.describeLimit(maxLineBytes);
        this.position = startOffset;
        this.linesRead = linesBefore;
    }

    @Override
    public Outcome next() throws IOException {
        while (true) {
            BoundedLineReader.Line line = lines.next();
            if (line == null) {
                return null;
            }
            position = line.end();
            linesRead = line.number();
            String where = "line " + line.number();
            String at = RecordReaders.position(line);
            if (line.overlong()) {
                return mapper.reject(where, at, "line longer than " + sizeLimit + " ("
                        + Utf8.humanSize(line.contentLength()) + ")", line.content(), line.contentLength());
            }
            byte[] bytes = line.start() == 0 ? RecordReaders.stripBom(line.content()) : line.content();
            String text;
            try {
                text = utf8.decode(bytes);
            } catch (Utf8.MalformedException e) {
                long at0 = line.start() + e.index + (bytes.length < line.content().length ? 3 : 0);
                return mapper.reject(where, at, "invalid UTF-8 at byte " + at0, line.content());
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                TokenStreamLocation location = e.getLocation();
                String column = location == null || location.getColumnNr() < 1 ? ""
                        : " at column " + location.getColumnNr();
                return mapper.reject(where, at, "invalid JSON" + column + ": "
                        + Texts.excerpt(firstLine(e.getOriginalMessage()), 200), line.content());
            }
            if (node == null || !node.isObject()) {
                return mapper.reject(where, at, "not a JSON object but "
                        + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()), line.content());
            }
            return mapper.map(name -> field(node, name), where, at, line.content());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A field by name; a dotted name reaches into nested objects when no property has the whole name. */
    static RecordMapper.Field field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null && name.indexOf('.') > 0) {
            value = object;
            for (String part : name.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return RecordMapper.Field.ABSENT;
        }
        if (value.isString()) {
            return RecordMapper.Field.of(value.stringValue());
        }
        if (value.isIntegralNumber()) {
            return RecordMapper.Field.of(value.bigIntegerValue().toString());
        }
        if (value.isNumber()) {
            return RecordMapper.Field.of(value.decimalValue().toPlainString());
        }
        if (value.isBoolean()) {
            return RecordMapper.Field.of(Boolean.toString(value.booleanValue()));
        }
        return RecordMapper.Field.invalid("is " + (value.isArray() ? "an array" : "an object") + ", not a value");
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
        return List.of();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
