package org.sitroom.ingest.connect;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.PostValidator;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.format.TimeFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bluesky post search, latest first: {@code GET /xrpc/app.bsky.feed.searchPosts?q=&sort=latest&limit=&cursor=&since=}.
 * A post's id is its {@code at://} URI, its time {@code record.createdAt}; the listing is ordered by
 * {@code indexedAt}, which the walk follows.
 *
 * <p>Cursor: {@code {"kind":"bluesky","watermark":..,"seen":[..],"token":"..",..}}: a {@link NewestFirstWalk}
 * whose page token is the response's {@code cursor}; {@code since} is set to the watermark so the service stops
 * early. The first fetch walks back {@code backfill} from now.
 */
public final class BlueskyConnector implements Connector {

    private static final String KIND = "bluesky";

    private final String sourceId;
    private final HttpFetcher http;
    private final String query;
    private final Duration backfill;

    /**
     * @param query    the search query (Lucene-like syntax as the service accepts it)
     * @param backfill how far back the first fetch reaches
     */
    public BlueskyConnector(String sourceId, HttpSettings settings, String query, Duration backfill) {
        this.sourceId = sourceId;
        this.http = new HttpFetcher(sourceId, settings);
        this.query = query;
        this.backfill = backfill;
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        ObjectNode state = CursorJson.read(cursor, KIND);
        NewestFirstWalk walk = NewestFirstWalk.read(state, http.settings().clock().instant().minus(backfill));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", query);
        params.put("sort", "latest");
        params.put("limit", Math.max(1, Math.min(100, maxPosts)));
        params.put("since", walk.watermark.toString());
        params.put("cursor", walk.token);
        var response = http.get(http.resolve("/xrpc/app.bsky.feed.searchPosts" + ApiSupport.query(params)),
                Map.of("Accept", "application/json"));
        JsonNode body = ApiSupport.json(http, response);
        JsonNode found = body.path("posts");
        if (!found.isArray()) {
            throw new FetchException("GET " + HttpFetcher.describe(response.uri()) + ": no 'posts' array in the "
                    + "response" + (body.has("error") ? " (" + ApiSupport.text(body, "error") + ": "
                    + ApiSupport.text(body, "message") + ")" : ""));
        }
        var items = new ApiSupport.Items(sourceId, http.settings().clock(),
                "GET " + HttpFetcher.describe(response.uri()));
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        List<NewestFirstWalk.Item> page = new ArrayList<>();
        int index = 0;
        for (JsonNode post : found) {
            String uri = ApiSupport.text(post, "uri");
            String indexedAt = ApiSupport.text(post, "indexedAt");
            JsonNode record = post.path("record");
            Instant sortTime = null;
            try {
                sortTime = indexedAt == null ? null : Instant.parse(indexedAt);
            } catch (DateTimeParseException e) {
                // the item is judged by its createdAt below
            }
            if (uri != null && sortTime != null) {
                NewestFirstWalk.Item item = new NewestFirstWalk.Item(uri, sortTime);
                page.add(item);
                if (!walk.isNew(item)) {
                    index++;
                    continue;
                }
            }
            String handle = ApiSupport.text(post.path("author"), "handle");
            JsonNode langs = record.path("langs");
            String language = langs.isArray() && !langs.isEmpty()
                    ? ApiSupport.primaryLanguage(langs.get(0).asString()) : null;
            items.check(index++, post, uri, handle, language, ApiSupport.text(record, "createdAt"),
                    TimeFormat.ISO_8601::parse, ApiSupport.text(record, "text"), webUrl(uri, handle), Map.of(),
                    quarantined).ifPresent(posts::add);
        }
        boolean more = walk.page(page, ApiSupport.text(body, "cursor"),
                http.settings().clock().instant().plus(PostValidator.MAX_FUTURE));
        posts.sort(Comparator.comparing(IncomingPost::time));
        ObjectNode next = CursorJson.create(KIND);
        walk.writeTo(next);
        return new Batch(posts, quarantined, CursorJson.write(next), more);
    }

    /** {@code at://did/app.bsky.feed.post/rkey} by {@code handle} -> {@code https://bsky.app/profile/handle/post/rkey}. */
    static String webUrl(String uri, String handle) {
        if (uri == null || handle == null || !uri.startsWith("at://")) {
            return null;
        }
        int slash = uri.lastIndexOf('/');
        return "https://bsky.app/profile/" + handle + "/post/" + uri.substring(slash + 1);
    }

    @Override
    public void close() {
        http.close();
    }
}
