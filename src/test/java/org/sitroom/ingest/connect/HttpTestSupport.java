package org.sitroom.ingest.connect;

import java.time.Duration;
import java.time.Instant;

/** Settings that point at a {@link RecordedServer} and never really wait. */
final class HttpTestSupport {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");

    private HttpTestSupport() {
    }

    static HttpSettings settings(RecordedServer server, TestClock clock, RecordingSleeper sleeper) {
        return HttpSettings.of(server.base())
                .withTime(sleeper, clock)
                .withRetry(RetryPolicy.DEFAULT, new java.util.Random(42))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
}
