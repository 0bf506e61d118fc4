package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sitroom.ingest.format.IncomingPost;

class FeedConnectorTest {

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private FeedConnector feed;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        var settings = HttpTestSupport.settings(server, clock, sleeper)
                .withBaseUri(server.base().resolve("/local/rss.xml"));
        feed = new FeedConnector("gazette", settings);
    }

    @AfterEach
    void stop() {
        feed.close();
        server.close();
    }

    private static RecordedServer.Reply rss(String file, String etag) {
        return RecordedServer.ok(file, "application/rss+xml; charset=utf-8").header("ETag", etag)
                .header("Last-Modified", "Sat, 14 Mar 2026 11:30:00 GMT");
    }

    @Test
    void conditionalGetsAndNoRepeatedItems() throws Exception {
        server.then(rss("rss/feed-v1.xml", "\"v1\""))
                .then(new RecordedServer.Reply(304, Map.of("ETag", "\"v1\""), new byte[0], -1))
                .then(rss("rss/feed-v2.xml", "\"v2\""));

        Batch b1 = feed.fetch(Cursor.START, 100);
        assertThat(server.requests().getFirst().uri().getPath()).isEqualTo("/local/rss.xml");
        assertThat(server.requests().getFirst().header("If-None-Match")).isNull();
        assertThat(b1.posts()).extracting(IncomingPost::externalId)
                .containsExactly("gazette-2026-0314-001", "gazette-2026-0314-002", "gazette-2026-0314-003");
        IncomingPost crest = b1.posts().getFirst();
        // HTML reduced to text; the <script> element is markup and goes, the escaped one is text and stays.
        assertThat(crest.text()).isEqualTo(
                "River crests at 4.5 metres\n\nThe river crested overnight.\n\nOfficials say & repeat: stay away.\nMore at noon.");
        assertThat(crest.author()).isEqualTo("Jane Reporter");
        assertThat(crest.language()).isEqualTo("en");
        assertThat(crest.time()).isEqualTo(Instant.parse("2026-03-14T09:00:00Z"));
        assertThat(crest.url()).isEqualTo("https://gazette.example/local/river-crests");
        // RSS descriptions are HTML: a literal "<script>" in the text is written &amp;lt;script&amp;gt; and stays text.
        assertThat(b1.posts().get(1).text()).endsWith(
                "A viral post tells readers to paste <script>alert(1)</script> into their browser. Don't.");
        assertThat(b1.posts().get(2).text()).isEqualTo("Schools closed Monday\n\nAll district schools will be closed on Monday.");
        assertThat(b1.posts().get(1).author()).isEqualTo("Valley Gazette - Local");

        Batch b2 = feed.fetch(b1.next(), 100);
        assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(server.requests().get(1).header("If-Modified-Since")).isEqualTo("Sat, 14 Mar 2026 11:30:00 GMT");
        assertThat(b2.posts()).isEmpty();
        assertThat(b2.next()).isEqualTo(b1.next());

        Batch b3 = feed.fetch(b2.next(), 100);
        assertThat(b3.posts()).extracting(IncomingPost::externalId).containsExactly("gazette-2026-0314-004");
        assertThat(b3.next().value()).contains("\"etag\":\"\\\"v2\\\"\"");
    }

    @Test
    void moreNewItemsThanOneBatchKeepTheOldValidatorsUntilAllAreTaken() throws Exception {
        server.then(rss("rss/feed-v2.xml", "\"v2\"")).then(rss("rss/feed-v2.xml", "\"v2\""));
        Batch b1 = feed.fetch(Cursor.START, 3);
        assertThat(b1.posts()).extracting(IncomingPost::externalId)
                .containsExactly("gazette-2026-0314-001", "gazette-2026-0314-002", "gazette-2026-0314-003");
        assertThat(b1.more()).isTrue();
        assertThat(b1.next().value()).doesNotContain("etag");
        Batch b2 = feed.fetch(b1.next(), 3);
        assertThat(server.requests().get(1).header("If-None-Match")).isNull();
        assertThat(b2.posts()).extracting(IncomingPost::externalId).containsExactly("gazette-2026-0314-004");
        assertThat(b2.more()).isFalse();
        assertThat(b2.next().value()).contains("etag");
    }

    @Test
    void atomFeedsToo() throws Exception {
        server.then(RecordedServer.ok("rss/atom.xml", "application/atom+xml"));
        Batch b = feed.fetch(Cursor.START, 10);
        assertThat(b.posts()).extracting(IncomingPost::externalId).containsExactly(
                "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", "urn:uuid:1225c695-cfb8-4ebb-bbbb-80da344efa6b");
        assertThat(b.posts().get(0).time()).isEqualTo(Instant.parse("2026-03-14T07:30:00Z"));
        assertThat(b.posts().get(0).text()).isEqualTo("Crue de la rivière\n\nLa rivière est sortie de son lit.");
        assertThat(b.posts().get(0).author()).isEqualTo("Rédaction");
        assertThat(b.posts().get(1).text()).isEqualTo("Routes coupées\n\nTrois routes départementales sont fermées.");
    }

    @Test
    void aFeedCutShortFailsTheFetch() throws Exception {
        byte[] whole = RecordedServer.recorded("rss/feed-v1.xml");
        server.then(new RecordedServer.Reply(200, Map.of("Content-Type", "application/rss+xml"),
                java.util.Arrays.copyOf(whole, 700), -1));
        FetchException e = catchThrowableOfType(FetchException.class, () -> feed.fetch(Cursor.START, 10));
        assertThat(e.getMessage()).contains("not a readable RSS/Atom feed");
    }
}
