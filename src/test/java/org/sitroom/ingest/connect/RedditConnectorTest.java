package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sitroom.ingest.connect.RecordedServer.json;
import static org.sitroom.ingest.connect.RecordedServer.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;

class RedditConnectorTest {

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private RedditConnector reddit;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        reddit = new RedditConnector("reddit-flood", HttpTestSupport.settings(server, clock, sleeper), "flood valley",
                null, Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        reddit.close();
        server.close();
    }

    @Test
    void walksBackWithAfterThenPollsAboveTheWatermark() throws Exception {
        server.then(json("reddit/search-page1.json")).then(json("reddit/search-page2.json"))
                .then(json("reddit/search-poll.json"));
        Set<String> ids = new HashSet<>();

        Batch b1 = reddit.fetch(Cursor.START, 100);
        assertThat(server.requests().get(0).uri().getPath()).isEqualTo("/search.json");
        assertThat(server.requests().get(0).query()).isEqualTo("q=flood+valley&sort=new&limit=100&raw_json=1");
        assertThat(b1.posts()).extracting(IncomingPost::externalId).containsExactly("t3_1bb002", "t3_1bb003");
        IncomingPost self = b1.posts().get(1);
        assertThat(self.text()).isEqualTo("Flood warning upgraded for the valley\n\nThe river gauge at Elm St shows "
                + "4.2 m and rising.\n\nStay safe & avoid the underpass.");
        assertThat(self.author()).isEqualTo("valley_local");
        assertThat(self.time()).isEqualTo(Instant.parse("2026-03-14T11:50:00Z"));
        assertThat(self.url()).isEqualTo(
                "https://www.reddit.com/r/weather/comments/1bb003/flood_warning_upgraded_for_the_valley/");
        assertThat(b1.posts().get(0).metadata()).containsEntry("link", "https://news.example/2026/03/14/dam-release")
                .containsEntry("subreddit", "news");
        assertThat(b1.more()).isTrue();
        assertThat(b1.next().value()).contains("\"token\":\"t3_1bb002\"");
        b1.posts().forEach(p -> assertThat(ids.add(p.externalId())).isTrue());

        Batch b2 = reddit.fetch(b1.next(), 100);
        assertThat(server.requests().get(1).query()).contains("after=t3_1bb002");
        // The empty post is quarantined; the 08:00 one is older than the first walk reaches (1 h) and ends it.
        assertThat(b2.posts()).extracting(IncomingPost::externalId).containsExactly("t3_1bb000");
        assertThat(b2.quarantined()).extracting(Quarantined::reason).containsExactly("item 0 (t3_1bb001): empty text");
        assertThat(b2.more()).isFalse();
        assertThat(b2.next().value()).isEqualTo(
                "{\"kind\":\"reddit\",\"watermark\":\"2026-03-14T11:50:00Z\",\"seen\":[\"t3_1bb003\"]}");
        b2.posts().forEach(p -> assertThat(ids.add(p.externalId())).isTrue());

        Batch b3 = reddit.fetch(b2.next(), 100);
        assertThat(server.requests().get(2).query()).doesNotContain("after=");
        // 1bb003 was taken already; the post dated 2100 is quarantined and must not become the watermark.
        assertThat(b3.posts()).extracting(IncomingPost::externalId).containsExactly("t3_1bb004");
        assertThat(b3.quarantined()).singleElement().satisfies(q -> assertThat(q.reason())
                .isEqualTo("item 0 (t3_1bbfff): time '4102444800' is more than 1 day in the future"));
        assertThat(b3.next().value()).contains("\"watermark\":\"2026-03-14T11:55:00Z\"");
        b3.posts().forEach(p -> assertThat(ids.add(p.externalId())).isTrue());
        assertThat(ids).hasSize(4);
    }

    @Test
    void aRetryAfterBeyondTheLimitFailsWithoutMovingTheCursor() throws Exception {
        server.then(status(429, "Too Many Requests").header("Retry-After", "120"));
        FetchException e = catchThrowableOfType(FetchException.class, () -> reddit.fetch(Cursor.START, 100));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aForbiddenAnswerFailsAtOnce() throws Exception {
        server.then(status(403, "{\"message\": \"Forbidden\", \"error\": 403}"));
        FetchException e = catchThrowableOfType(FetchException.class, () -> reddit.fetch(Cursor.START, 100));
        assertThat(e.getMessage()).contains("HTTP 403").contains("refuses this client");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void searchesOneSubredditWhenConfigured() throws Exception {
        try (var sub = new RedditConnector("r", HttpTestSupport.settings(server, clock, sleeper), "flood", "weather",
                Duration.ofHours(1))) {
            server.then(json("reddit/search-poll.json"));
            sub.fetch(Cursor.START, 25);
            assertThat(server.requests().getFirst().uri().getPath()).isEqualTo("/r/weather/search.json");
            assertThat(server.requests().getFirst().query()).isEqualTo(
                    "q=flood&restrict_sr=1&sort=new&limit=25&raw_json=1");
        }
    }
}
