package org.sitroom.ingest.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.ingest.format.HtmlText;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Mastodon timeline: a hashtag ({@code GET /api/v1/timelines/tag/:hashtag}) or the public one
 * ({@code GET /api/v1/timelines/public}). Statuses are HTML and reduced to text; boosts are skipped (the original
 * arrives on its own).
 *
 * <p>Cursor: {@code {"kind":"mastodon","sinceId":"113..."}}, the newest status id taken. The next request pages
 * forward from it with {@code min_id} (what the {@code rel="prev"} Link of a page points at): unlike
 * {@code since_id}, which returns the newest page above the id and leaves a gap when more than a page arrived,
 * {@code min_id} returns the page just above it, so a busy tag is read gap-free across fetches. The first fetch
 * takes the newest page and starts there.
 */
public final class MastodonConnector implements Connector {

    private static final String KIND = "mastodon";
    private static final int PAGE_LIMIT = 40;

    private final String sourceId;
    private final HttpFetcher http;
    private final String path;
    private final Map<String, String> extraParams;

    private MastodonConnector(String sourceId, HttpSettings settings, String path, Map<String, String> extraParams) {
        this.sourceId = sourceId;
        this.http = new HttpFetcher(sourceId, settings);
        this.path = path;
        this.extraParams = extraParams;
    }

    /** The timeline of one hashtag (without the {@code #}). */
    public static MastodonConnector hashtag(String sourceId, HttpSettings settings, String hashtag) {
        String tag = hashtag.startsWith("#") ? hashtag.substring(1) : hashtag;
        if (tag.isBlank()) {
            throw new IllegalArgumentException("empty hashtag");
        }
        return new MastodonConnector(sourceId, settings,
                "/api/v1/timelines/tag/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20"),
                Map.of());
    }

    /** The public timeline, federated or only this server's ({@code local=true}). */
    public static MastodonConnector publicTimeline(String sourceId, HttpSettings settings, boolean localOnly) {
        return new MastodonConnector(sourceId, settings, "/api/v1/timelines/public",
                localOnly ? Map.of("local", "true") : Map.of());
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        ObjectNode state = CursorJson.read(cursor, KIND);
        String sinceId = state == null ? null : CursorJson.text(state, "sinceId");
        int limit = Math.max(1, Math.min(PAGE_LIMIT, maxPosts));
        Map<String, Object> params = new LinkedHashMap<>(extraParams);
        params.put("limit", limit);
        params.put("min_id", sinceId);
        var response = http.get(http.resolve(path + ApiSupport.query(params)), Map.of("Accept", "application/json"));
        JsonNode statuses = ApiSupport.json(http, response);
        if (!statuses.isArray()) {
            throw new FetchException("GET " + HttpFetcher.describe(response.uri()) + ": expected a JSON array of "
                    + "statuses, got " + statuses.getNodeType());
        }
        var items = new ApiSupport.Items(sourceId, http.settings().clock(), "GET " + HttpFetcher.describe(response.uri()));
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        String newest = sinceId;
        int index = 0;
        for (JsonNode status : statuses) {
            String id = ApiSupport.text(status, "id");
            if (id != null && sinceId != null && ApiSupport.compareIds(id, sinceId) <= 0) {
                index++;
                continue; // a server that ignores min_id: what we have is not taken twice
            }
            if (id != null && (newest == null || ApiSupport.compareIds(id, newest) > 0)) {
                newest = id;
            }
            if (!status.path("reblog").isNull() && !status.path("reblog").isMissingNode()) {
                index++;
                continue;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            String spoiler = ApiSupport.text(status, "spoiler_text");
            if (spoiler != null && !spoiler.isBlank()) {
                metadata.put("spoiler", spoiler);
            }
            String uri = ApiSupport.text(status, "uri");
            if (uri != null) {
                metadata.put("uri", uri);
            }
            String url = ApiSupport.text(status, "url");
            items.check(index++, status, id, ApiSupport.text(status.path("account"), "acct"),
                    ApiSupport.primaryLanguage(ApiSupport.text(status, "language")),
                    ApiSupport.text(status, "created_at"), Instant::parse,
                    HtmlText.toText(ApiSupport.text(status, "content")), url != null ? url : uri, metadata, quarantined)
                    .ifPresent(posts::add);
        }
        // The page's rel="prev" link names the id to page forward from; it agrees with the newest id seen.
        String prev = ApiSupport.link(response.header("Link").orElse(null), "prev")
                .flatMap(link -> ApiSupport.parameter(link, "min_id")).orElse(null);
        if (prev != null && (newest == null || ApiSupport.compareIds(prev, newest) > 0)) {
            newest = prev;
        }
        posts.sort(Comparator.comparing(IncomingPost::externalId, ApiSupport::compareIds));
        ObjectNode next = CursorJson.create(KIND);
        next.put("sinceId", newest);
        boolean more = sinceId != null && statuses.size() >= limit;
        return new Batch(posts, quarantined, CursorJson.write(next), more);
    }

    @Override
    public void close() {
        http.close();
    }
}
