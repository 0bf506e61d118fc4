package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCapWithJitterInItsUpperHalf() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60));
        Random random = new Random(1);
        long[][] bounds = {{500, 1000}, {1000, 2000}, {2000, 4000}, {4000, 8000}, {4000, 8000}, {4000, 8000}};
        for (int attempt = 1; attempt <= bounds.length; attempt++) {
            long ms = policy.backoff(attempt, random).toMillis();
            assertThat(ms).as("attempt %d", attempt).isBetween(bounds[attempt - 1][0], bounds[attempt - 1][1]);
        }
        // Jitter: the same attempt does not always wait the same.
        assertThat(java.util.stream.IntStream.range(0, 20).mapToLong(i -> policy.backoff(3, random).toMillis())
                .distinct().count()).isGreaterThan(5);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        TestClock clock = new TestClock(HttpTestSupport.NOW);
        HttpFetcher fetcher = new HttpFetcher("s", HttpSettings.of(java.net.URI.create("http://127.0.0.1:9"))
                .withTime(new RecordingSleeper(clock), clock));
        assertThat(fetcher.retryAfter(headers("120"))).contains(Duration.ofSeconds(120));
        assertThat(fetcher.retryAfter(headers("Sat, 14 Mar 2026 12:00:30 GMT"))).contains(Duration.ofSeconds(30));
        assertThat(fetcher.retryAfter(headers("Sat, 14 Mar 2026 11:00:00 GMT"))).contains(Duration.ZERO);
        assertThat(fetcher.retryAfter(headers("soon"))).isEmpty();
        assertThat(fetcher.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true))).isEmpty();
        fetcher.close();
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
    }
}
