package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.ingest.format.IncomingPost;

class ReplayConnectorTest {

    @TempDir
    Path dir;

    private final Instant start = Instant.parse("2026-03-14T12:00:00Z");
    private final TestClock clock = new TestClock(start);

    private Path dataset() throws Exception {
        // Out of order on purpose, plus a bad line and extra fields to ignore.
        return Files.writeString(dir.resolve("demo.jsonl"), """
                {"id":"p2","author":"b","lang":"en","time":"2012-10-29T20:01:00Z","text":"second","source":"twitter","label":"real"}
                {"id":"p1","author":"a","lang":"en","time":"2012-10-29T20:00:00Z","text":"first","source":"twitter"}
                {"id":"p3","author":"c","lang":"es","time":"2012-10-29T20:02:30Z","text":"third","source":"twitter"}
                {"id":"p4","author":"d","lang":null,"time":"2012-10-29T21:00:00Z","text":"fourth","source":"mastodon"}
                {"id":"bad","author":"d","time":"2012-10-29T21:00:00Z"}
                """);
    }

    @Test
    void postsArriveWhenTheirShiftedTimeHasCome() throws Exception {
        ReplayConnector replay = new ReplayConnector("replay", dataset(), 60, clock); // 1 recorded minute per second
        assertThat(replay.size()).isEqualTo(4);

        Batch b1 = replay.fetch(Cursor.START, 10);
        assertThat(b1.posts()).extracting(IncomingPost::externalId).containsExactly("p1");
        assertThat(b1.posts().getFirst().time()).isEqualTo(start);
        assertThat(b1.posts().getFirst().metadata()).containsEntry("originalTime", "2012-10-29T20:00:00Z")
                .containsEntry("source", "twitter").doesNotContainKey("label");
        assertThat(b1.quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).isEqualTo("line 5: missing field 'text'"));
        assertThat(b1.next().value()).isEqualTo("{\"kind\":\"replay\",\"start\":\"2026-03-14T12:00:00Z\",\"index\":1}");
        assertThat(b1.more()).isFalse();

        clock.advance(Duration.ofMillis(999));
        Batch early = replay.fetch(b1.next(), 10);
        assertThat(early.posts()).isEmpty();
        assertThat(early.quarantined()).isEmpty();
        assertThat(early.next()).isEqualTo(b1.next());

        clock.advance(Duration.ofMillis(1));
        Batch b2 = replay.fetch(early.next(), 10);
        assertThat(b2.posts()).extracting(IncomingPost::externalId).containsExactly("p2");
        assertThat(b2.posts().getFirst().time()).isEqualTo(start.plusSeconds(1));

        clock.advance(Duration.ofSeconds(60)); // an hour of recording: p3 (2.5 min) and p4 (60 min) are due
        Batch b3 = replay.fetch(b2.next(), 1);
        assertThat(b3.posts()).extracting(IncomingPost::externalId).containsExactly("p3");
        assertThat(b3.posts().getFirst().time()).isEqualTo(start.plusMillis(2500));
        assertThat(b3.more()).isTrue();
        Batch b4 = replay.fetch(b3.next(), 1);
        assertThat(b4.posts()).extracting(IncomingPost::externalId).containsExactly("p4");
        assertThat(b4.posts().getFirst().language()).isNull();
        assertThat(b4.more()).isFalse();
        for (Batch b : new Batch[] {b1, b2, b3, b4}) {
            b.posts().forEach(p -> assertThat(p.time()).isBeforeOrEqualTo(clock.instant()));
        }
        assertThat(replay.fetch(b4.next(), 10).posts()).isEmpty();
    }

    @Test
    void aHeadStartBackDatesTheRecordingsFirstHoursWithTheirSpacingAndPlaysTheRestAtSpeed() throws Exception {
        // Starts 2 min into the recording; afterwards ten times faster than recorded.
        ReplayConnector replay = new ReplayConnector("replay", dataset(),
                org.sitroom.ingest.format.ColumnMapping.DEMO_JSONL, 10, Duration.ofMinutes(2), clock);
        Batch b1 = replay.fetch(Cursor.START, 10);
        assertThat(b1.posts()).extracting(IncomingPost::externalId).containsExactly("p1", "p2");
        // p1 and p2 were recorded 2 min and 1 min before the head start: they lie that far before the start.
        assertThat(b1.posts()).extracting(IncomingPost::time)
                .containsExactly(start.minus(Duration.ofMinutes(2)), start.minus(Duration.ofMinutes(1)));
        assertThat(b1.more()).isFalse();

        // p3 was recorded 30 s after the head start: at 10x it is due 3 s after the start, not earlier.
        clock.advance(Duration.ofMillis(2999));
        assertThat(replay.fetch(b1.next(), 10).posts()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        Batch b2 = replay.fetch(b1.next(), 10);
        assertThat(b2.posts()).extracting(IncomingPost::externalId).containsExactly("p3");
        assertThat(b2.posts().getFirst().time()).isEqualTo(start.plusSeconds(3));
        assertThat(ReplayConnector.shift(start, Instant.parse("2012-10-29T20:02:00Z"), 10,
                Instant.parse("2012-10-29T21:00:00Z"))).isEqualTo(start.plus(Duration.ofMinutes(58).dividedBy(10)));
    }

    @Test
    void aNegativeHeadStartIsRefused() {
        assertThatThrownBy(() -> new ReplayConnector("replay", dataset(),
                org.sitroom.ingest.format.ColumnMapping.DEMO_JSONL, 1, Duration.ofMinutes(-1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head start");
    }

    @Test
    void aRestartedReplayGoesOnFromItsCursor() throws Exception {
        ReplayConnector replay = new ReplayConnector("replay", dataset(), 3600, clock);
        Batch b1 = replay.fetch(Cursor.START, 2);
        assertThat(b1.posts()).extracting(IncomingPost::externalId).containsExactly("p1");
        clock.advance(Duration.ofSeconds(2));
        ReplayConnector restarted = new ReplayConnector("replay", dataset(), 3600, clock);
        Batch b2 = restarted.fetch(b1.next(), 10);
        assertThat(b2.posts()).extracting(IncomingPost::externalId).containsExactly("p2", "p3", "p4");
        assertThat(b2.quarantined()).isEmpty();
    }

    @Test
    void theMediaEvalDatasetReplaysInTimeOrderAndNeverAhead() throws Exception {
        ReplayConnector replay = new ReplayConnector("sandy-replay", org.sitroom.testing.Datasets.mediaEvalPosts(),
                org.sitroom.ingest.format.ColumnMapping.MEDIAEVAL_VMU, 86_400, Duration.ZERO, clock); // a recorded day per second
        assertThat(replay.size()).isEqualTo(15_629);
        Cursor cursor = Cursor.START;
        java.util.Set<String> ids = new java.util.HashSet<>();
        Instant previous = Instant.MIN;
        for (int second = 0; ids.size() < replay.size() && second < 2_000; second++) {
            Batch b;
            do {
                b = replay.fetch(cursor, 5_000);
                for (IncomingPost p : b.posts()) {
                    assertThat(p.time()).isBeforeOrEqualTo(clock.instant()).isAfterOrEqualTo(previous);
                    previous = p.time();
                    assertThat(ids.add(p.externalId())).isTrue();
                }
                cursor = b.next();
            } while (b.more());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(ids).hasSize(15_629);
    }
}
