package org.sitroom.ingest.format;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns one record's fields, looked up by name, into a post or a rejection, following a {@link ColumnMapping}. */
final class RecordMapper {

    /** The value of one field: absent (no such field), or present with its text (possibly blank). */
    record Field(boolean present, String value, String problem) {
        static final Field ABSENT = new Field(false, null, null);

        static Field of(String value) {
            return value == null ? ABSENT : new Field(true, value, null);
        }

        /** A field that is there but cannot be used as text (a JSON object, say). */
        static Field invalid(String problem) {
            return new Field(true, null, problem);
        }
    }

    private final String sourceId;
    private final ColumnMapping mapping;
    private final PostValidator validator;
    private final String noun;

    /** @param noun what a field is called in messages: {@code column} for CSV/TSV, {@code field} for JSON */
    RecordMapper(String sourceId, ColumnMapping mapping, Clock clock, String noun) {
        this.sourceId = sourceId;
        this.mapping = mapping;
        this.validator = new PostValidator(clock);
        this.noun = noun;
    }

    /**
     * @param fields   looks a field up by its mapped name
     * @param where    the record's place for messages, e.g. {@code line 17}
     * @param position the record's place for the quarantine, e.g. {@code line 17 (byte 2345)}
     */
    Outcome map(Function<String, Field> fields, String where, String position, byte[] raw) {
        Field idField = fields.apply(mapping.id());
        Field textField = fields.apply(mapping.text());
        Field timeField = fields.apply(mapping.time());
        Optional<String> problem = required(idField, mapping.id())
                .or(() -> required(textField, mapping.text()))
                .or(() -> required(timeField, mapping.time()))
                .or(() -> validator.idProblem(idField.value()).map(p -> p + " in " + noun + " '" + mapping.id() + "'"));
        if (problem.isPresent()) {
            return reject(where, position, problem.get(), raw);
        }
        String id = idField.value().strip();
        String text = mapping.htmlText() ? HtmlText.toText(textField.value()) : textField.value();
        Optional<String> textProblem = validator.textProblem(text);
        if (textProblem.isPresent()) {
            return reject(where, position, textProblem.get() + " in " + noun + " '" + mapping.text() + "'", raw);
        }
        if (timeField.value().isBlank()) {
            return reject(where, position, "empty time in " + noun + " '" + mapping.time() + "'", raw);
        }
        Instant time;
        try {
            time = mapping.timeFormat().parse(timeField.value());
        } catch (DateTimeException e) {
            return reject(where, position, "unparseable time '" + Texts.excerpt(timeField.value()) + "' in " + noun
                    + " '" + mapping.time() + "' (expected " + expected(mapping.timeFormat()) + ")", raw);
        }
        Optional<String> timeProblem = validator.timeProblem(time, timeField.value().strip());
        if (timeProblem.isPresent()) {
            return reject(where, position, timeProblem.get(), raw);
        }
        String author = optional(fields, mapping.author());
        String language = optional(fields, mapping.language());
        String url = optional(fields, mapping.url());
        if (url == null && mapping.urlTemplate() != null) {
            url = mapping.urlTemplate().replace("{id}", id)
                    .replace("{author}", author == null ? "i/web" : author);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String name : mapping.metadata()) {
            String value = optional(fields, name);
            if (value != null) {
                metadata.put(name, value.length() > 1024 ? value.substring(0, 1024) : value);
            }
        }
        return new Outcome.Accepted(new IncomingPost(sourceId, id, author == null ? null : author.strip(),
                language == null ? null : language.strip(), time, text, url, metadata));
    }

    /** A rejection at this place with this reason; the reason gets the place as its prefix. */
    Outcome.Rejected reject(String where, String position, String reason, byte[] raw) {
        return reject(where, position, reason, raw, raw.length);
    }

    /** As {@link #reject(String, String, String, byte[])} for a record of which only the start was kept. */
    Outcome.Rejected reject(String where, String position, String reason, byte[] raw, long rawLength) {
        return new Outcome.Rejected(new Quarantined(sourceId, position, where + ": " + reason, raw, rawLength));
    }

    private Optional<String> required(Field field, String name) {
        if (!field.present() || (field.value() == null && field.problem() == null)) {
            return Optional.of("missing " + noun + " '" + name + "'");
        }
        if (field.problem() != null) {
            return Optional.of(noun + " '" + name + "' " + field.problem());
        }
        return Optional.empty();
    }

    private static String optional(Function<String, Field> fields, String name) {
        if (name == null) {
            return null;
        }
        Field field = fields.apply(name);
        return field.value() == null || field.value().isBlank() ? null : field.value();
    }

    private static String expected(TimeFormat format) {
        return switch (format) {
            case AUTO -> "ISO-8601, epoch seconds/millis, RFC 1123 or Twitter's 'EEE MMM dd HH:mm:ss Z yyyy'";
            case ISO_8601 -> "ISO-8601";
            case EPOCH_SECONDS -> "epoch seconds";
            case EPOCH_MILLIS -> "epoch milliseconds";
            case TWITTER -> "Twitter's 'EEE MMM dd HH:mm:ss Z yyyy'";
            case RFC_1123 -> "RFC 1123";
            case TWITTER_SNOWFLAKE -> "a Twitter snowflake id";
        };
    }
}
