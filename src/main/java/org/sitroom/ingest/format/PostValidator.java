package org.sitroom.ingest.format;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks every incoming post passes, whatever its source: an id, some text, and a time that is not in the
 * future (beyond a day's tolerance for skewed clocks). Each failure is a short human-readable reason.
 */
public final class PostValidator {

    /** How far past "now" a post's time may lie before it is taken for a broken timestamp. */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);

    /** Longer ids are taken for garbage rather than ids (they are also part of the idempotency key). */
    public static final int MAX_ID_LENGTH = 256;

    private final Clock clock;

    /** @param clock "now" for the future-time check (injectable so tests need no waiting) */
    public PostValidator(Clock clock) {
        this.clock = clock;
    }

    /** The problem with a post's id, if any. */
    public Optional<String> idProblem(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of("empty id");
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.of("id longer than " + MAX_ID_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The problem with a post's text, if any. */
    public Optional<String> textProblem(String text) {
        return text == null || text.isBlank() ? Optional.of("empty text") : Optional.empty();
    }

    /** The problem with a post's time, if any; {@code raw} is how the source wrote it, for the message. */
    public Optional<String> timeProblem(Instant time, String raw) {
        if (time == null) {
            return Optional.of("missing time");
        }
        if (time.isAfter(clock.instant().plus(MAX_FUTURE))) {
            return Optional.of("time '" + Texts.excerpt(raw == null ? time.toString() : raw)
                    + "' is more than 1 day in the future");
        }
        return Optional.empty();
    }

    /** The first problem of a post assembled by a connector, if any. */
    public Optional<String> problem(IncomingPost post, String rawTime) {
        return idProblem(post.externalId()).or(() -> textProblem(post.text()))
                .or(() -> timeProblem(post.time(), rawTime));
    }
}
