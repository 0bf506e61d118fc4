package org.sitroom.ingest.connect;

import java.time.Duration;
import java.util.Optional;

/**
 * A fetch that failed as a whole (the source unreachable, an error status after retries, an unreadable response).
 * The cursor does not advance: the caller records the failure and tries again on its schedule. Messages say what
 * failed and where, and never carry credentials.
 */
public class FetchException extends Exception {

    private final transient Duration retryAfter;

    /** A failure with a message for the operator. */
    public FetchException(String message) {
        this(message, null, null);
    }

    /** A failure with a message and its cause (whose own message must not hold credentials either). */
    public FetchException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** A failure after which the source asked not to be called again for {@code retryAfter}. */
    public FetchException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the source asked us to wait (HTTP {@code Retry-After}) when that was longer than we wait in place. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
