package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sitroom.ingest.connect.RecordedServer.json;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;

class BlueskyConnectorTest {

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private BlueskyConnector bluesky;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        bluesky = new BlueskyConnector("bsky-flood",
                HttpTestSupport.settings(server, clock, sleeper).withCredential(Credential.bearer("app-jwt-xyz")),
                "flood", Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        bluesky.close();
        server.close();
    }

    @Test
    void walksBackWithTheCursorThenPollsWithoutDuplicates() throws Exception {
        server.then(json("bluesky/search-page1.json")).then(json("bluesky/search-page2.json"))
                .then(json("bluesky/search-poll.json"));

        Batch b1 = bluesky.fetch(Cursor.START, 50);
        var first = server.requests().getFirst();
        assertThat(first.uri().getPath()).isEqualTo("/xrpc/app.bsky.feed.searchPosts");
        assertThat(first.query()).isEqualTo("q=flood&sort=latest&limit=50&since=2026-03-14T11%3A00%3A00Z");
        assertThat(first.header("Authorization")).isEqualTo("Bearer app-jwt-xyz");
        assertThat(b1.posts()).extracting(IncomingPost::author)
                .containsExactly("meteo.example.es", "riverwatch.bsky.social");
        IncomingPost levee = b1.posts().get(1);
        assertThat(levee.externalId()).isEqualTo("at://did:plc:riverwatch7x2k/app.bsky.feed.post/3lkq7b2xq2c2a");
        assertThat(levee.time()).isEqualTo(Instant.parse("2026-03-14T11:57:59.120Z"));
        assertThat(levee.url()).isEqualTo("https://bsky.app/profile/riverwatch.bsky.social/post/3lkq7b2xq2c2a");
        assertThat(levee.language()).isEqualTo("en");
        assertThat(b1.posts().get(0).language()).isEqualTo("es");
        assertThat(b1.more()).isTrue();

        Batch b2 = bluesky.fetch(b1.next(), 50);
        assertThat(server.requests().get(1).query()).endsWith("&cursor=eyJvZmZzZXQiOjJ9");
        assertThat(b2.posts()).extracting(IncomingPost::text).containsExactly("Water in our basement, Elm St.");
        assertThat(b2.quarantined()).extracting(Quarantined::reason).containsExactly(
                "item 0 (at://did:plc:nodate99/app.bsky.feed.post/3lkq5aaaaaa2c): missing time");
        assertThat(b2.more()).isFalse();

        Batch b3 = bluesky.fetch(b2.next(), 50);
        assertThat(server.requests().get(2).query()).contains("since=2026-03-14T11%3A58%3A00.433Z")
                .doesNotContain("cursor=");
        assertThat(b3.posts()).extracting(IncomingPost::externalId)
                .containsExactly("at://did:plc:county22/app.bsky.feed.post/3lkq7c3shelter");
    }

    @Test
    void anXrpcErrorFailsWithItsMessage() throws Exception {
        server.then(new RecordedServer.Reply(400, java.util.Map.of("Content-Type", "application/json"),
                RecordedServer.recorded("bluesky/error-bad-query.json"), -1));
        FetchException e = catchThrowableOfType(FetchException.class, () -> bluesky.fetch(Cursor.START, 50));
        assertThat(e.getMessage()).contains("HTTP 400").contains("InvalidRequest").contains("q must not be empty");
    }

    @Test
    void aTruncatedBodyIsRetriedAndThenSucceeds() throws Exception {
        server.then(RecordedServer.truncated("bluesky/search-poll.json", 100)).then(json("bluesky/search-poll.json"));
        Batch b = bluesky.fetch(Cursor.START, 50);
        assertThat(b.posts()).hasSize(2);
        assertThat(sleeper.waits).hasSize(1);
        assertThat(server.requests()).hasSize(2);
    }
}
