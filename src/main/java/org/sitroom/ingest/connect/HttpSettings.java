package org.sitroom.ingest.connect;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How an HTTP connector talks to its service: where (the base URL, configurable so tests use a local server), how
 * long it waits, how it retries, and with which credential.
 *
 * @param baseUri        the service's base URL, e.g. {@code https://mastodon.social}
 * @param connectTimeout how long a connection may take
 * @param requestTimeout how long a response's headers may take
 * @param retry          retries and backoff
 * @param sleeper        how waits between retries happen (tests record them instead)
 * @param clock          "now" (HTTP-date {@code Retry-After}, future-time checks, time windows)
 * @param random         jitter source
 * @param credential     the API credential, or null for public endpoints
 * @param userAgent      the {@code User-Agent} sent with every request
 * @param maxBodyBytes   the largest response body read
 */
public record HttpSettings(URI baseUri, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
                           Sleeper sleeper, Clock clock, RandomGenerator random, Credential credential,
                           String userAgent, int maxBodyBytes) {

    /** Who we are, with a page saying what the crawler does, as API etiquette (Reddit's in particular) asks. */
    public static final String USER_AGENT = "Sitroom/0.1 (+https://example.org/sitroom)";

    public HttpSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }

    /** Defaults: 10 s to connect, 30 s for a response, {@link RetryPolicy#DEFAULT}, real sleeps and clock, 16 MiB. */
    public static HttpSettings of(URI baseUri) {
        return new HttpSettings(baseUri, Duration.ofSeconds(10), Duration.ofSeconds(30), RetryPolicy.DEFAULT,
                Sleeper.REAL, Clock.systemUTC(), RandomGenerator.getDefault(), null, USER_AGENT, 16 * 1024 * 1024);
    }

    /** With a credential. */
    public HttpSettings withCredential(Credential newCredential) {
        return new HttpSettings(baseUri, connectTimeout, requestTimeout, retry, sleeper, clock, random, newCredential,
                userAgent, maxBodyBytes);
    }

    /** With another base URL. */
    public HttpSettings withBaseUri(URI newBaseUri) {
        return new HttpSettings(newBaseUri, connectTimeout, requestTimeout, retry, sleeper, clock, random, credential,
                userAgent, maxBodyBytes);
    }

    /** With another sleeper and clock (tests). */
    public HttpSettings withTime(Sleeper newSleeper, Clock newClock) {
        return new HttpSettings(baseUri, connectTimeout, requestTimeout, retry, newSleeper, newClock, random,
                credential, userAgent, maxBodyBytes);
    }

    /** With other retries and jitter. */
    public HttpSettings withRetry(RetryPolicy newRetry, RandomGenerator newRandom) {
        return new HttpSettings(baseUri, connectTimeout, requestTimeout, newRetry, sleeper, clock, newRandom,
                credential, userAgent, maxBodyBytes);
    }

    /** With other timeouts. */
    public HttpSettings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new HttpSettings(baseUri, newConnectTimeout, newRequestTimeout, retry, sleeper, clock, random,
                credential, userAgent, maxBodyBytes);
    }

    @Override
    public String toString() {
        return "HttpSettings[" + baseUri + ", credential=" + (credential == null ? "none" : "[redacted]") + "]";
    }
}
