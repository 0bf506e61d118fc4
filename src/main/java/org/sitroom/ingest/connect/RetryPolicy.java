package org.sitroom.ingest.connect;

import java.time.Duration;

/**
 * How a request is retried after an I/O error, a 5xx or a 429: up to {@code maxAttempts} tries, waiting
 * {@code baseDelay * 2^(n-1)} (at most {@code maxDelay}) with jitter between them, or exactly what the server's
 * {@code Retry-After} asks; a {@code Retry-After} longer than {@code maxRetryAfter} fails the fetch at once and
 * passes the wait on to the scheduler instead of blocking a thread.
 *
 * @param maxAttempts   tries in all, the first included
 * @param baseDelay     the wait after the first failure
 * @param maxDelay      the longest backoff wait
 * @param maxRetryAfter the longest {@code Retry-After} waited out in place
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** 4 tries, 1 s doubling to at most 30 s, Retry-After honoured up to 60 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must be non-negative with maxDelay >= baseDelay");
        }
    }

    /** The backoff before try {@code attempt + 1}: exponential, capped, with "equal jitter" (half fixed, half random). */
    Duration backoff(int attempt, java.util.random.RandomGenerator random) {
        long base = baseDelay.toMillis();
        long exponential = base << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
