package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sitroom.ingest.connect.RecordedServer.json;
import static org.sitroom.ingest.connect.RecordedServer.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;

class MastodonConnectorTest {

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private MastodonConnector mastodon;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        mastodon = MastodonConnector.hashtag("mastodon-flood", HttpTestSupport.settings(server, clock, sleeper),
                "#flood");
    }

    @AfterEach
    void stop() {
        mastodon.close();
        server.close();
    }

    @Test
    void pagesForwardFromTheNewestIdWithoutGapsOrDuplicates() throws Exception {
        server.then(json("mastodon/tag-flood-newest.json").header("Link",
                "<https://social.example/api/v1/timelines/tag/flood?max_id=113900000000000001>; rel=\"next\", "
                        + "<https://social.example/api/v1/timelines/tag/flood?min_id=113900000000000003>; rel=\"prev\""));
        Batch first = mastodon.fetch(Cursor.START, 100);

        assertThat(server.requests().getFirst().uri().getPath()).isEqualTo("/api/v1/timelines/tag/flood");
        assertThat(server.requests().getFirst().query()).isEqualTo("limit=40");
        assertThat(server.requests().getFirst().header("User-Agent"))
                .isEqualTo("Sitroom/0.1 (+https://example.org/sitroom)");
        // The boost (…002) is skipped; the rest come oldest first.
        assertThat(first.posts()).extracting(IncomingPost::externalId)
                .containsExactly("113900000000000001", "113900000000000003");
        IncomingPost austrian = first.posts().get(0);
        assertThat(austrian.text()).isEqualTo("Hochwasser an der Donau & am Kanal");
        assertThat(austrian.language()).isEqualTo("de");
        assertThat(austrian.author()).isEqualTo("wien@alpen.example");
        assertThat(austrian.metadata()).containsEntry("spoiler", "flood photos");
        IncomingPost post = first.posts().get(1);
        assertThat(post.text()).isEqualTo("Is this real? A post says <script>alert(1)</script> fixes the #flood map"
                + "\n\nSecond paragraph\nwith a break");
        assertThat(post.time()).isEqualTo(Instant.parse("2026-03-14T11:52:10Z"));
        assertThat(post.url()).isEqualTo("https://social.example/@riverwatch/113900000000000003");
        assertThat(first.next().value()).isEqualTo("{\"kind\":\"mastodon\",\"sinceId\":\"113900000000000003\"}");
        assertThat(first.more()).isFalse();

        // Rate limited once: Retry-After in seconds is waited out exactly, then the next page comes.
        server.then(status(429, "{\"error\":\"Too many requests\"}").header("Retry-After", "7"))
                .then(json("mastodon/tag-flood-after-003.json"));
        Batch second = mastodon.fetch(first.next(), 100);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests().get(2).query()).isEqualTo("limit=40&min_id=113900000000000003");
        assertThat(second.posts()).extracting(IncomingPost::externalId).containsExactly("113900000000000005");
        assertThat(second.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo("item 1 (113900000000000004): empty text");
            assertThat(q.position()).endsWith("min_id=113900000000000003 item 1");
        });
        assertThat(second.next().value()).contains("113900000000000005");

        // A server that ignores min_id and sends old statuses again gives nothing twice.
        server.then(json("mastodon/tag-flood-after-003.json"));
        Batch third = mastodon.fetch(second.next(), 100);
        assertThat(third.posts()).isEmpty();
        assertThat(third.quarantined()).isEmpty();
        assertThat(third.next()).isEqualTo(second.next());

        Set<String> all = new HashSet<>();
        for (Batch b : new Batch[] {first, second, third}) {
            b.posts().forEach(p -> assertThat(all.add(p.externalId())).isTrue());
        }
    }

    @Test
    void aFullPageSaysThereIsMore() throws Exception {
        server.then(json("mastodon/tag-flood-after-003.json"));
        Batch b = mastodon.fetch(new Cursor("{\"kind\":\"mastodon\",\"sinceId\":\"113900000000000003\"}"), 2);
        assertThat(server.requests().getFirst().query()).isEqualTo("limit=2&min_id=113900000000000003");
        assertThat(b.more()).isTrue();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenFailWithoutMovingTheCursor() throws Exception {
        Cursor cursor = new Cursor("{\"kind\":\"mastodon\",\"sinceId\":\"113900000000000003\"}");
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                HttpTestSupport.NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        server.then(status(503, "maintenance").header("Retry-After", inThreeSeconds))
                .then(status(500, "oops"))
                .then(RecordedServer.truncated("mastodon/tag-flood-after-003.json", 200))
                .then(RecordedServer.truncated("mastodon/tag-flood-after-003.json", 200));

        FetchException e = catchThrowableOfType(FetchException.class, () -> mastodon.fetch(cursor, 100));

        assertThat(e.getMessage()).startsWith("GET " + server.base() + "/api/v1/timelines/tag/flood?limit=40&min_id=")
                .contains("failed after 4 attempts: I/O error");
        assertThat(server.requests()).hasSize(4);
        assertThat(sleeper.waits).hasSize(3);
        assertThat(sleeper.waits.get(0)).isEqualTo(Duration.ofSeconds(3)); // the HTTP-date, from the clock
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000)); // 2nd failure
        assertThat(sleeper.waits.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000)); // 3rd failure

        // The caller keeps its cursor; the next fetch with it reads what the failed one would have.
        server.then(json("mastodon/tag-flood-after-003.json"));
        assertThat(mastodon.fetch(cursor, 100).posts()).extracting(IncomingPost::externalId)
                .containsExactly("113900000000000005");
    }

    @Test
    void aBodyCutShortAsInvalidJsonFailsTheFetch() throws Exception {
        byte[] whole = RecordedServer.recorded("mastodon/tag-flood-after-003.json");
        byte[] cut = java.util.Arrays.copyOf(whole, 300);
        server.then(new RecordedServer.Reply(200, java.util.Map.of("Content-Type", "application/json"), cut, -1));
        FetchException e = catchThrowableOfType(FetchException.class, () -> mastodon.fetch(Cursor.START, 10));
        assertThat(e.getMessage()).contains("the response is not valid JSON (cut short?)");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aLongRetryAfterIsPassedOnInsteadOfWaitedOut() throws Exception {
        server.then(status(429, "slow down").header("Retry-After", "3600"));
        FetchException e = catchThrowableOfType(FetchException.class, () -> mastodon.fetch(Cursor.START, 10));
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.getMessage()).contains("HTTP 429").contains("wait 3600 s");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void notFoundFailsAtOnceWithAHint() throws Exception {
        server.then(status(404, "{\"error\":\"Record not found\"}"));
        FetchException e = catchThrowableOfType(FetchException.class, () -> mastodon.fetch(Cursor.START, 10));
        assertThat(e.getMessage()).contains("HTTP 404").contains("Record not found").contains("check the base URL");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void publicTimelineAsksForLocalPostsWhenTold() throws Exception {
        try (var local = MastodonConnector.publicTimeline("m", HttpTestSupport.settings(server, clock, sleeper),
                true)) {
            server.then(json("mastodon/empty.json"));
            Batch b = local.fetch(Cursor.START, 20);
            assertThat(b.posts()).isEmpty();
            assertThat(server.requests().getFirst().uri().getPath()).isEqualTo("/api/v1/timelines/public");
            assertThat(server.requests().getFirst().query()).isEqualTo("local=true&limit=20");
        }
    }

    @Test
    void quarantinedRecordsKeepTheRawItem() throws Exception {
        server.then(json("mastodon/tag-flood-after-003.json"));
        Quarantined q = mastodon.fetch(Cursor.START, 100).quarantined().getFirst();
        assertThat(new String(q.raw(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\":\"113900000000000004\"");
    }
}
