package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sitroom.ingest.connect.RecordedServer.json;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sitroom.ingest.format.IncomingPost;

class GdeltConnectorTest {

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private GdeltConnector gdelt;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        gdelt = new GdeltConnector("gdelt-flood", HttpTestSupport.settings(server, clock, sleeper), "flood valley",
                Duration.ofHours(1), Duration.ofHours(6));
    }

    @AfterEach
    void stop() {
        gdelt.close();
        server.close();
    }

    @Test
    void timeWindowsAdvanceWithoutGapsOrDuplicates() throws Exception {
        server.then(json("gdelt/artlist-1.json")).then(json("gdelt/artlist-2.json")).then(json("gdelt/artlist-3.json"))
                .then(json("gdelt/empty.json"));
        Set<String> urls = new HashSet<>();

        Batch b1 = gdelt.fetch(Cursor.START, 2);
        assertThat(server.requests().get(0).uri().getPath()).isEqualTo("/api/v2/doc/doc");
        assertThat(server.requests().get(0).query()).isEqualTo("query=flood+valley&mode=artlist&format=json"
                + "&sort=dateasc&startdatetime=20260314110000&enddatetime=20260314120000&maxrecords=2");
        assertThat(b1.posts()).extracting(IncomingPost::language).containsExactly("en", "es");
        IncomingPost en = b1.posts().getFirst();
        assertThat(en.externalId()).isEqualTo("https://news.example.com/2026/03/14/valley-flood-warning");
        assertThat(en.text()).isEqualTo("Flood warning issued for the valley as rain continues");
        assertThat(en.author()).isEqualTo("news.example.com");
        assertThat(en.time()).isEqualTo(Instant.parse("2026-03-14T11:00:00Z"));
        assertThat(en.metadata()).containsEntry("sourceCountry", "United States");
        assertThat(b1.more()).isTrue(); // a full answer: the window may hold more
        assertThat(b1.next().value()).isEqualTo("{\"kind\":\"time-window\",\"from\":\"2026-03-14T11:15:00Z\","
                + "\"seen\":[\"https://diario.example.es/2026/03/14/inundaciones-valle\"]}");
        b1.posts().forEach(p -> assertThat(urls.add(p.externalId())).isTrue());

        Batch b2 = gdelt.fetch(b1.next(), 2);
        assertThat(server.requests().get(1).query()).contains("startdatetime=20260314111500");
        assertThat(b2.posts()).extracting(IncomingPost::language).containsExactly("de"); // the 11:15 one was taken
        assertThat(b2.more()).isTrue();
        b2.posts().forEach(p -> assertThat(urls.add(p.externalId())).isTrue());

        Batch b3 = gdelt.fetch(b2.next(), 2);
        assertThat(b3.posts()).isEmpty();
        assertThat(b3.more()).isFalse(); // the window reached now
        assertThat(b3.next().value()).contains("\"from\":\"2026-03-14T12:00:00Z\"");

        assertThat(gdelt.fetch(b3.next(), 2).next()).as("an empty window at now asks nothing")
                .isEqualTo(b3.next());
        assertThat(server.requests()).hasSize(3);

        clock.advance(Duration.ofMinutes(15));
        Batch b4 = gdelt.fetch(b3.next(), 2);
        assertThat(server.requests().get(3).query()).contains("startdatetime=20260314120000")
                .contains("enddatetime=20260314121500");
        assertThat(b4.posts()).isEmpty();
        assertThat(b4.next().value()).contains("\"from\":\"2026-03-14T12:15:00Z\"");
        assertThat(urls).hasSize(3);
    }

    @Test
    void aTextAnswerInsteadOfJsonFailsWithTheText() throws Exception {
        server.then(RecordedServer.ok("gdelt/error-short-phrase.txt", "text/html; charset=utf-8"));
        FetchException e = catchThrowableOfType(FetchException.class, () -> gdelt.fetch(Cursor.START, 10));
        assertThat(e.getMessage()).contains("not valid JSON").contains("it begins 'The specified phrase is too short.'");
    }

    @Test
    void serverErrorsAreRetriedThenTheFetchFails() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.then(RecordedServer.status(502, "Bad Gateway"));
        }
        FetchException e = catchThrowableOfType(FetchException.class, () -> gdelt.fetch(Cursor.START, 10));
        assertThat(e.getMessage()).contains("failed after 4 attempts: HTTP 502: Bad Gateway");
        assertThat(sleeper.waits).hasSize(3);
    }
}
