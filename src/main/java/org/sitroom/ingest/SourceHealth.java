package org.sitroom.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * How a source is doing.
 *
 * @param lag how far the newest post it delivered is behind real time
 * @param lastError the last run's error, or null when it succeeded
 */
public record SourceHealth(String sourceId, String situationId, String kind, Instant lastRun, long postsIn,
                           long duplicates, long quarantined, long errors, Duration lag, String lastError) {

    /** Failing when its last run failed. */
    public boolean failing() {
        return lastError != null;
    }
}
