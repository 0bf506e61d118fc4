package org.sitroom.ingest.connect;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.ingest.format.HtmlText;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.PostValidator;
import org.sitroom.ingest.format.Quarantined;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RSS or Atom news feed (read with Rome), polled politely with {@code If-None-Match} / {@code If-Modified-Since}:
 * a {@code 304 Not Modified} costs nothing. An item's text is its title and its description or content, HTML
 * reduced to text; its id is the guid (Atom id), else its link.
 *
 * <p>Cursor: {@code {"kind":"http-cache","etag":"\"abc\"","lastModified":"Sat, 14 Mar 2026 06:00:00 GMT",
 * "seen":["3f2a..."]}}: the validators of the last response read to its end, and short hashes of the newest item
 * ids taken (feeds repeat their items on every change, so {@code seen} keeps them from coming again). When a
 * response holds more new items than one batch, the oldest are taken and the validators are not stored yet, so the
 * next fetch gets the rest instead of a 304.
 */
public final class FeedConnector implements Connector {

    private static final String KIND = "http-cache";
    private static final int MAX_SEEN = 500;

    private final String sourceId;
    private final HttpFetcher http;

    /** @param settings whose base URL is the feed's URL */
    public FeedConnector(String sourceId, HttpSettings settings) {
        this.sourceId = sourceId;
        this.http = new HttpFetcher(sourceId, settings);
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        ObjectNode state = CursorJson.read(cursor, KIND);
        String etag = state == null ? null : CursorJson.text(state, "etag");
        String lastModified = state == null ? null : CursorJson.text(state, "lastModified");
        Set<String> seen = new LinkedHashSet<>();
        if (state != null) {
            state.path("seen").forEach(h -> seen.add(h.asString()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        var response = http.get(http.settings().baseUri(), headers);
        if (response.status() == 304) {
            return Batch.empty(cursor);
        }
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new FetchException(http.redact("GET " + HttpFetcher.describe(response.uri())
                    + ": not a readable RSS/Atom feed (cut short?): " + e.getMessage()));
        }
        Instant now = http.settings().clock().instant();
        PostValidator validator = new PostValidator(http.settings().clock());
        String language = ApiSupport.primaryLanguage(feed.getLanguage());
        List<IncomingPost> fresh = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        Set<String> freshHashes = new LinkedHashSet<>();
        int index = 0;
        for (SyndEntry entry : feed.getEntries()) {
            String id = firstNonBlank(entry.getUri(), entry.getLink());
            String title = entry.getTitle() == null ? null : HtmlText.toText(entry.getTitle());
            String body = HtmlText.toText(body(entry));
            Instant time = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                    : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : now;
            if (id == null) {
                id = "sha256:" + hash(title + "|" + body + "|" + time);
            }
            String hash = hash(id);
            if (seen.contains(hash) || !freshHashes.add(hash)) {
                index++;
                continue;
            }
            String text = title == null || title.isBlank() ? body
                    : body == null || body.isBlank() || body.equals(title) ? title : title + "\n\n" + body;
            IncomingPost post = new IncomingPost(sourceId, id, firstNonBlank(entry.getAuthor(), feed.getTitle()),
                    language, time, text == null ? "" : text, entry.getLink(), Map.of());
            var problem = validator.problem(post, time.toString());
            if (problem.isPresent()) {
                quarantined.add(Quarantined.of(sourceId, "GET " + HttpFetcher.describe(response.uri()) + " item "
                        + index, "item " + index + " (" + id + "): " + problem.get(),
                        (title + "\n" + body).getBytes(StandardCharsets.UTF_8)));
                seen.add(hash); // a bad item is reported once, not on every poll
            } else {
                fresh.add(post);
            }
            index++;
        }
        fresh.sort(Comparator.comparing(IncomingPost::time));
        boolean more = fresh.size() > maxPosts;
        List<IncomingPost> taken = more ? fresh.subList(0, maxPosts) : fresh;
        ObjectNode next = CursorJson.create(KIND);
        if (more) {
            // Keep the old validators: the next fetch must get this response's remaining items, not a 304.
            putIfNotNull(next, "etag", etag);
            putIfNotNull(next, "lastModified", lastModified);
        } else {
            putIfNotNull(next, "etag", response.header("ETag").orElse(null));
            putIfNotNull(next, "lastModified", response.header("Last-Modified").orElse(null));
        }
        List<String> newestFirst = new ArrayList<>();
        for (int i = taken.size() - 1; i >= 0; i--) {
            newestFirst.add(hash(taken.get(i).externalId()));
        }
        newestFirst.addAll(seen);
        ArrayNode seenArray = next.putArray("seen");
        newestFirst.stream().distinct().limit(MAX_SEEN).forEach(seenArray::add);
        return new Batch(taken, quarantined, CursorJson.write(next), more);
    }

    private static String body(SyndEntry entry) {
        StringBuilder html = new StringBuilder();
        if (entry.getContents() != null) {
            for (SyndContent content : entry.getContents()) {
                if (content.getValue() != null) {
                    html.append(content.getValue()).append('\n');
                }
            }
        }
        if (html.isEmpty() && entry.getDescription() != null && entry.getDescription().getValue() != null) {
            html.append(entry.getDescription().getValue());
        }
        return html.toString();
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
    }

    /** A short stable hash of an item id: 12 hex digits keep the cursor small and collisions out of reach. */
    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
