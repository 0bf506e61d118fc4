package org.sitroom.ingest.format;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Which field of a record is which part of a post. Field names are CSV/TSV header names (matched after trimming,
 * then ignoring case) or JSON property names, where a dotted name such as {@code user.screen_name} reaches into
 * nested objects.
 *
 * @param format      the record format, or null to take it from the file name
 * @param id          the post's id (required)
 * @param author      the author's handle, or null when the source has none ({@link IncomingPost#UNKNOWN_AUTHOR})
 * @param time        the publication time (required; may name the id field with {@link TimeFormat#TWITTER_SNOWFLAKE})
 * @param timeFormat  how {@code time} is written
 * @param text        the post's text (required)
 * @param language    a language hint, or null
 * @param url         a link to the post, or null
 * @param urlTemplate a link built from {@code {id}} and {@code {author}} when there is no url field, or null
 * @param htmlText    whether the text is HTML to be reduced to plain text (markup in plain text stays as it is)
 * @param metadata    further fields kept in {@link IncomingPost#metadata()} under their own names
 * @param delimiter   the CSV/TSV delimiter, or null for the format's own ({@code ,} or tab)
 * @param quote       the CSV/TSV quote character, {@code ""} for none, or null for the format's own
 *                    ({@code "} for CSV, none for TSV)
 */
public record ColumnMapping(Format format, String id, String author, String time, TimeFormat timeFormat, String text,
                            String language, String url, String urlTemplate, boolean htmlText, List<String> metadata,
                            Character delimiter, String quote) {

    /** MediaEval 2016 "Verifying Multimedia Use" {@code posts.txt}: TSV of tweets with their image ids and label. */
    public static final ColumnMapping MEDIAEVAL_VMU = new ColumnMapping(Format.TSV, "post_id", "username", "timestamp",
            TimeFormat.TWITTER, "post_text", null, null, "https://twitter.com/{author}/status/{id}", false,
            List.of("user_id", "image_id(s)", "label"), null, "");

    /** CrisisLexT26 {@code *-tweets_labeled.csv}: tweet id and text with crowd labels; time from the snowflake id. */
    public static final ColumnMapping CRISISLEX_T26 = new ColumnMapping(Format.CSV, "Tweet ID", null, "Tweet ID",
            TimeFormat.TWITTER_SNOWFLAKE, "Tweet Text", null, null, "https://twitter.com/i/web/status/{id}", false,
            List.of("Information Source", "Information Type", "Informativeness"), null, null);

    /** Sitroom's demo/replay JSONL: {@code id, author, lang, time, text, source}, further fields ignored. */
    public static final ColumnMapping DEMO_JSONL = new ColumnMapping(Format.JSONL, "id", "author", "time",
            TimeFormat.AUTO, "text", "lang", "url", null, false, List.of("source"), null, null);

    private static final Set<String> KEYS = Set.of("format", "id", "author", "time", "time-format", "text", "language",
            "url", "url-template", "html-text", "metadata", "delimiter", "quote");

    public ColumnMapping {
        requireName(id, "id");
        requireName(time, "time");
        requireName(text, "text");
        timeFormat = timeFormat == null ? TimeFormat.AUTO : timeFormat;
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
        if (metadata.size() > IncomingPost.MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("at most " + IncomingPost.MAX_METADATA_ENTRIES + " metadata fields");
        }
        if (quote != null && quote.length() > 1) {
            throw new IllegalArgumentException("quote must be one character or empty, not '" + quote + "'");
        }
    }

    /** A mapping of the three required fields; the rest by the {@code with...} methods. */
    public static ColumnMapping of(String id, String time, String text) {
        return new ColumnMapping(null, id, null, time, TimeFormat.AUTO, text, null, null, null, false, List.of(), null,
                null);
    }

    /** The built-in mapping {@code mediaeval-vmu}, {@code crisislex-t26} or {@code demo-jsonl}. */
    public static ColumnMapping builtIn(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "mediaeval-vmu", "mediaeval" -> MEDIAEVAL_VMU;
            case "crisislex-t26", "crisislex" -> CRISISLEX_T26;
            case "demo-jsonl", "demo" -> DEMO_JSONL;
            default -> throw new IllegalArgumentException(
                    "unknown built-in mapping '" + name + "' (expected mediaeval-vmu, crisislex-t26 or demo-jsonl)");
        };
    }

    /**
     * Reads a mapping file: YAML ({@code .yml}/{@code .yaml}) or Java properties ({@code .properties}), with the
     * keys of {@link #fromMap(Map)}; or {@code builtin: NAME} / {@code builtin=NAME} for a built-in one.
     */
    public static ColumnMapping load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, Object> values = new LinkedHashMap<>();
        if (name.endsWith(".properties")) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.forEach((k, v) -> values.put(k.toString(), v));
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            ObjectMapper yaml = new YAMLMapper();
            try {
                Object tree = yaml.readValue(file.toFile(), Object.class);
                if (!(tree instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException(file + ": expected a YAML mapping of keys to field names");
                }
                map.forEach((k, v) -> values.put(String.valueOf(k), v));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
            }
        } else {
            throw new IllegalArgumentException(file + ": a mapping file ends in .yml, .yaml or .properties");
        }
        try {
            return fromMap(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds a mapping from configuration values: {@code format, id, author, time, time-format, text, language,
     * url, url-template, html-text, metadata} (a list or a comma-separated string), {@code delimiter, quote}; or
     * {@code builtin} alone. Keys may also be written in camelCase ({@code timeFormat}). Unknown keys are errors,
     * because a misspelt key would otherwise silently map nothing.
     */
    public static ColumnMapping fromMap(Map<String, ?> config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (var entry : config.entrySet()) {
            String key = kebab(entry.getKey());
            if (key.equals("lang")) {
                key = "language";
            }
            if (!KEYS.contains(key) && !key.equals("builtin")) {
                throw new IllegalArgumentException("unknown mapping key '" + entry.getKey() + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ", builtin)");
            }
            values.put(key, entry.getValue());
        }
        if (values.containsKey("builtin")) {
            if (values.size() > 1) {
                throw new IllegalArgumentException("'builtin' cannot be combined with other mapping keys");
            }
            return builtIn(string(values.get("builtin")));
        }
        String format = string(values.get("format"));
        String timeFormat = string(values.get("time-format"));
        String delimiter = string(values.get("delimiter"));
        return new ColumnMapping(
                format == null ? null : Format.named(format),
                string(values.get("id")), string(values.get("author")), string(values.get("time")),
                timeFormat == null ? TimeFormat.AUTO : TimeFormat.named(timeFormat),
                string(values.get("text")), string(values.get("language")), string(values.get("url")),
                string(values.get("url-template")), Boolean.parseBoolean(string(values.get("html-text"))),
                list(values.get("metadata")), delimiter(delimiter), quote(values.get("quote")));
    }

    /** This mapping for a given format. */
    public ColumnMapping withFormat(Format newFormat) {
        return new ColumnMapping(newFormat, id, author, time, timeFormat, text, language, url, urlTemplate, htmlText,
                metadata, delimiter, quote);
    }

    /** This mapping with an author field. */
    public ColumnMapping withAuthor(String field) {
        return new ColumnMapping(format, id, field, time, timeFormat, text, language, url, urlTemplate, htmlText,
                metadata, delimiter, quote);
    }

    /** This mapping with a time format. */
    public ColumnMapping withTimeFormat(TimeFormat newTimeFormat) {
        return new ColumnMapping(format, id, author, time, newTimeFormat, text, language, url, urlTemplate, htmlText,
                metadata, delimiter, quote);
    }

    /** This mapping with language and url fields (either may be null). */
    public ColumnMapping withLanguageAndUrl(String languageField, String urlField) {
        return new ColumnMapping(format, id, author, time, timeFormat, text, languageField, urlField, urlTemplate,
                htmlText, metadata, delimiter, quote);
    }

    /** This mapping keeping these further fields as metadata. */
    public ColumnMapping withMetadata(List<String> fields) {
        return new ColumnMapping(format, id, author, time, timeFormat, text, language, url, urlTemplate, htmlText,
                fields, delimiter, quote);
    }

    /** This mapping with its text treated as HTML (or not). */
    public ColumnMapping withHtmlText(boolean html) {
        return new ColumnMapping(format, id, author, time, timeFormat, text, language, url, urlTemplate, html,
                metadata, delimiter, quote);
    }

    /** Every field this mapping reads, required ones first, without repeats. */
    List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (String f : new String[] {id, time, text, author, language, url}) {
            if (f != null && !fields.contains(f)) {
                fields.add(f);
            }
        }
        for (String f : metadata) {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static void requireName(String field, String role) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("the mapping needs a field for '" + role + "'");
        }
    }

    private static String kebab(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.trim().toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c == '_' ? '-' : c);
            }
        }
        return out.toString();
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            return items.stream().map(Objects::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        List<String> out = new ArrayList<>();
        for (String part : value.toString().split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static Character delimiter(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException("delimiter must be one character (or 'tab'), not '" + value + "'");
        }
        return value.charAt(0);
    }

    private static String quote(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.equalsIgnoreCase("none") ? "" : s;
    }
}
