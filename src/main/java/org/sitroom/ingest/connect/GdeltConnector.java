package org.sitroom.ingest.connect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.format.TimeFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * News articles from the GDELT DOC 2.0 API:
 * {@code GET /api/v2/doc/doc?query=&mode=artlist&format=json&sort=dateasc&startdatetime=&enddatetime=&maxrecords=}.
 * An article is a post whose id is its URL, text its title, author its domain, and time the moment GDELT saw it;
 * GDELT's English language names become ISO 639-1 codes.
 *
 * <p>Cursor: {@code {"kind":"time-window","from":"2026-03-14T06:00:00Z","seen":[urls]}}: everything seen before
 * {@code from} is taken, and {@code seen} lists the articles at exactly {@code from} already taken (the window's
 * start is inclusive). Each fetch asks for {@code [from, min(now, from + maxWindow)]} oldest first; a full answer
 * moves {@code from} to its last article's time, a partial one to the window's end.
 */
public final class GdeltConnector implements Connector {

    private static final Logger log = LoggerFactory.getLogger(GdeltConnector.class);
    private static final String KIND = "time-window";
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    /** GDELT returns at most 250 articles per request. */
    static final int MAX_RECORDS = 250;

    private final String sourceId;
    private final HttpFetcher http;
    private final String query;
    private final Duration backfill;
    private final Duration maxWindow;

    /**
     * @param query     the GDELT query, e.g. {@code flood sourcelang:english}
     * @param backfill  how far back the first window starts
     * @param maxWindow the longest window one fetch asks for
     */
    public GdeltConnector(String sourceId, HttpSettings settings, String query, Duration backfill,
                          Duration maxWindow) {
        this.sourceId = sourceId;
        this.http = new HttpFetcher(sourceId, settings);
        this.query = query;
        this.backfill = backfill;
        this.maxWindow = maxWindow;
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        ObjectNode state = CursorJson.read(cursor, KIND);
        Instant now = http.settings().clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from;
        Set<String> seen = new LinkedHashSet<>();
        if (state == null) {
            from = now.minus(backfill);
        } else {
            from = Instant.parse(state.path("from").asString(now.minus(backfill).toString()));
            state.path("seen").forEach(url -> seen.add(url.asString()));
        }
        Instant to = from.plus(maxWindow).isBefore(now) ? from.plus(maxWindow) : now;
        if (!to.isAfter(from)) {
            return Batch.empty(cursor.isStart() ? write(from, seen) : cursor);
        }
        int limit = Math.max(1, Math.min(MAX_RECORDS, maxPosts));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("mode", "artlist");
        params.put("format", "json");
        params.put("sort", "dateasc");
        params.put("startdatetime", QUERY_TIME.format(LocalDateTime.ofInstant(from, ZoneOffset.UTC)));
        params.put("enddatetime", QUERY_TIME.format(LocalDateTime.ofInstant(to, ZoneOffset.UTC)));
        params.put("maxrecords", limit);
        var response = http.get(http.resolve("/api/v2/doc/doc" + ApiSupport.query(params)),
                Map.of("Accept", "application/json"));
        // GDELT answers a query it dislikes with 200 and a line of text; that fails the fetch with the text shown.
        JsonNode body = ApiSupport.json(http, response);
        JsonNode articles = body.path("articles");
        var items = new ApiSupport.Items(sourceId, http.settings().clock(),
                "GET " + HttpFetcher.describe(response.uri()));
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        Instant last = null;
        Set<String> atLast = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode article : articles) {
            String url = ApiSupport.text(article, "url");
            String seenDate = ApiSupport.text(article, "seendate");
            Instant seenAt = null;
            try {
                seenAt = seenDate == null ? null : TimeFormat.ISO_8601.parse(seenDate);
            } catch (RuntimeException e) {
                // quarantined below
            }
            if (seenAt != null && url != null) {
                if (last == null || seenAt.isAfter(last)) {
                    last = seenAt;
                    atLast = new LinkedHashSet<>();
                }
                atLast.add(url);
                if (seenAt.equals(from) && seen.contains(url)) {
                    index++;
                    continue;
                }
            }
            String domain = ApiSupport.text(article, "domain");
            Map<String, String> metadata = new LinkedHashMap<>();
            if (domain != null) {
                metadata.put("domain", domain);
            }
            String country = ApiSupport.text(article, "sourcecountry");
            if (country != null && !country.isBlank()) {
                metadata.put("sourceCountry", country);
            }
            items.check(index++, article, url, domain, ApiSupport.languageCode(ApiSupport.text(article, "language")),
                    seenDate, TimeFormat.ISO_8601::parse, ApiSupport.text(article, "title"), url, metadata,
                    quarantined).ifPresent(posts::add);
        }
        Instant nextFrom;
        Set<String> nextSeen;
        boolean more;
        if (articles.size() >= limit && last != null) {
            if (last.equals(from)) {
                // More than a full answer at one instant: step past it rather than ask the same forever.
                log.warn("Source {}: more than {} GDELT articles seen at {}; some of them are skipped",
                        sourceId, limit, from);
                nextFrom = from.plusSeconds(1);
                nextSeen = new LinkedHashSet<>();
            } else {
                nextFrom = last;
                nextSeen = atLast;
            }
            more = true;
        } else {
            nextFrom = to;
            nextSeen = to.equals(last) ? atLast : new LinkedHashSet<>();
            more = to.isBefore(now);
        }
        return new Batch(posts, quarantined, write(nextFrom, nextSeen), more);
    }

    private static Cursor write(Instant from, Set<String> seen) {
        ObjectNode next = CursorJson.create(KIND);
        next.put("from", from.toString());
        ArrayNode array = next.putArray("seen");
        seen.forEach(array::add);
        return CursorJson.write(next);
    }

    @Override
    public void close() {
        http.close();
    }
}
