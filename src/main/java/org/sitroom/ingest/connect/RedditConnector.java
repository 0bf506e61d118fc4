package org.sitroom.ingest.connect;

import java.time.Duration;
import java.time.Instant;
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
 * Reddit search, newest first: {@code GET /search.json?q=&sort=new&limit=&after=&raw_json=1} (or
 * {@code /r/:subreddit/search.json?restrict_sr=1}). A post's text is its title and, for self posts, its body.
 *
 * <p>Cursor: {@code {"kind":"reddit","watermark":..,"seen":[..],"token":"t3_abc",..}}: a {@link NewestFirstWalk}
 * whose page token is the listing's {@code after}. The first fetch walks back {@code backfill} from now.
 */
public final class RedditConnector implements Connector {

    private static final String KIND = "reddit";
    private static final String WEB = "https://www.reddit.com";

    private final String sourceId;
    private final HttpFetcher http;
    private final String query;
    private final String subreddit;
    private final Duration backfill;

    /**
     * @param query     the search query
     * @param subreddit a subreddit to search in (without {@code r/}), or null for all of Reddit
     * @param backfill  how far back the first fetch reaches
     */
    public RedditConnector(String sourceId, HttpSettings settings, String query, String subreddit,
                           Duration backfill) {
        this.sourceId = sourceId;
        this.http = new HttpFetcher(sourceId, settings);
        this.query = query;
        this.subreddit = subreddit;
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
        if (subreddit != null) {
            params.put("restrict_sr", 1);
        }
        params.put("sort", "new");
        params.put("limit", Math.max(1, Math.min(100, maxPosts)));
        params.put("after", walk.token);
        params.put("raw_json", 1);
        String path = (subreddit == null ? "" : "/r/" + subreddit) + "/search.json";
        var response = http.get(http.resolve(path + ApiSupport.query(params)), Map.of("Accept", "application/json"));
        JsonNode listing = ApiSupport.json(http, response);
        JsonNode children = listing.path("data").path("children");
        if (!children.isArray()) {
            throw new FetchException("GET " + HttpFetcher.describe(response.uri())
                    + ": not a Reddit listing (no data.children)");
        }
        var items = new ApiSupport.Items(sourceId, http.settings().clock(),
                "GET " + HttpFetcher.describe(response.uri()));
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        List<NewestFirstWalk.Item> page = new ArrayList<>();
        int index = 0;
        for (JsonNode child : children) {
            JsonNode data = child.path("data");
            String id = ApiSupport.text(data, "name") != null ? ApiSupport.text(data, "name")
                    : ApiSupport.text(data, "id");
            String created = ApiSupport.text(data, "created_utc");
            Instant sortTime = null;
            try {
                sortTime = created == null ? null : TimeFormat.EPOCH_SECONDS.parse(created);
            } catch (RuntimeException e) {
                // quarantined below, with the reason
            }
            if (id != null && sortTime != null) {
                NewestFirstWalk.Item item = new NewestFirstWalk.Item(id, sortTime);
                page.add(item);
                if (!walk.isNew(item)) {
                    index++;
                    continue;
                }
            }
            String title = ApiSupport.text(data, "title");
            String body = ApiSupport.text(data, "selftext");
            String text = title == null ? body : body == null || body.isBlank() ? title : title + "\n\n" + body;
            String permalink = ApiSupport.text(data, "permalink");
            Map<String, String> metadata = new LinkedHashMap<>();
            String sub = ApiSupport.text(data, "subreddit");
            if (sub != null) {
                metadata.put("subreddit", sub);
            }
            String link = ApiSupport.text(data, "url");
            if (link != null && permalink != null && !link.endsWith(permalink)) {
                metadata.put("link", link);
            }
            items.check(index++, data, id, ApiSupport.text(data, "author"), null, created,
                    TimeFormat.EPOCH_SECONDS::parse, text, permalink == null ? null : WEB + permalink, metadata,
                    quarantined).ifPresent(posts::add);
        }
        boolean more = walk.page(page, ApiSupport.text(listing.path("data"), "after"),
                http.settings().clock().instant().plus(PostValidator.MAX_FUTURE));
        posts.sort(Comparator.comparing(IncomingPost::time));
        ObjectNode next = CursorJson.create(KIND);
        walk.writeTo(next);
        return new Batch(posts, quarantined, CursorJson.write(next), more);
    }

    @Override
    public void close() {
        http.close();
    }
}
