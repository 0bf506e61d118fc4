package org.sitroom.ingest.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.PostValidator;
import org.sitroom.ingest.format.Quarantined;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What the API connectors share: JSON responses, item validation, query strings, Link headers, languages. */
final class ApiSupport {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*?rel=\"?([a-zA-Z]+)\"?");
    private static final Map<String, String> LANGUAGES_BY_ENGLISH_NAME = new LinkedHashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            LANGUAGES_BY_ENGLISH_NAME.putIfAbsent(name, code);
        }
        // Names GDELT uses that differ from the JDK's.
        LANGUAGES_BY_ENGLISH_NAME.put("farsi", "fa");
        LANGUAGES_BY_ENGLISH_NAME.put("tagalog", "tl");
        LANGUAGES_BY_ENGLISH_NAME.put("filipino", "tl");
        LANGUAGES_BY_ENGLISH_NAME.put("bosnian", "bs");
    }

    private ApiSupport() {
    }

    /** The response body as JSON; a body that is not (cut short, an HTML error page) fails the fetch. */
    static JsonNode json(HttpFetcher fetcher, HttpFetcher.Response response) throws FetchException {
        try {
            JsonNode node = CursorJson.JSON.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw new FetchException(fetcher.redact("GET " + HttpFetcher.describe(response.uri())
                        + ": empty response body"));
            }
            return node;
        } catch (JacksonException e) {
            String start = response.bodyText().strip();
            throw new FetchException(fetcher.redact("GET " + HttpFetcher.describe(response.uri())
                    + ": the response is not valid JSON (cut short?): " + e.getOriginalMessage()
                    + (start.startsWith("{") || start.startsWith("[") ? ""
                    : "; it begins '" + (start.length() > 120 ? start.substring(0, 117) + "..." : start) + "'")));
        }
    }

    /** {@code ?a=1&b=2} from the non-null values, form-encoded. */
    static String query(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        for (var e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(out.isEmpty() ? '?' : '&')
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** The URL of the given relation in an RFC 8288 {@code Link} header, as Mastodon paginates with. */
    static Optional<String> link(String header, String rel) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            if (m.group(2).equalsIgnoreCase(rel)) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** A query parameter's value in a URL, undecoded (ids are plain). */
    static Optional<String> parameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    /** ISO 639-1 for a language's English name ({@code Spanish} -> {@code es}), or null. */
    static String languageCode(String englishName) {
        if (englishName == null || englishName.isBlank()) {
            return null;
        }
        return LANGUAGES_BY_ENGLISH_NAME.get(englishName.strip().toLowerCase(Locale.ROOT));
    }

    /** A language tag's primary subtag ({@code en-US} -> {@code en}), or null. */
    static String primaryLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String primary = tag.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
        return primary.length() >= 2 && primary.length() <= 3 ? primary : null;
    }

    /** A text field of a JSON object, or null when absent, null or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : null;
    }

    /** Numeric ids as Mastodon issues them compare by length first, then digit by digit. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** Checks an item assembled from an API response: a post, or a quarantined record saying why not. */
    static final class Items {
        private final String sourceId;
        private final PostValidator validator;
        private final String where;

        /** @param where the request the items came from, for positions */
        Items(String sourceId, Clock clock, String where) {
            this.sourceId = sourceId;
            this.validator = new PostValidator(clock);
            this.where = where;
        }

        /** The post, or the reason it was refused added to {@code quarantined}; {@code time} may be unparsed. */
        Optional<IncomingPost> check(int index, JsonNode raw, String id, String author, String language,
                                     String rawTime, TimeParser parser, String text, String url,
                                     Map<String, String> metadata, List<Quarantined> quarantined) {
            String position = where + " item " + index;
            String problem = validator.idProblem(id).or(() -> validator.textProblem(text)).orElse(null);
            Instant time = null;
            if (problem == null) {
                if (rawTime == null || rawTime.isBlank()) {
                    problem = "missing time";
                } else {
                    try {
                        time = parser.parse(rawTime);
                        problem = validator.timeProblem(time, rawTime).orElse(null);
                    } catch (DateTimeException | NumberFormatException e) {
                        problem = "unparseable time '" + rawTime + "'";
                    }
                }
            }
            if (problem != null) {
                quarantined.add(Quarantined.of(sourceId, position, "item " + index + (id == null ? "" : " (" + id
                        + ")") + ": " + problem, raw.toString().getBytes(StandardCharsets.UTF_8)));
                return Optional.empty();
            }
            return Optional.of(new IncomingPost(sourceId, id, author, language, time, text, url, metadata));
        }
    }

    /** Parses a time as the service writes it. */
    @FunctionalInterface
    interface TimeParser {
        Instant parse(String raw);
    }
}
