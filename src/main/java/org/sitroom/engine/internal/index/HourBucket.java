package org.sitroom.engine.internal.index;

import java.time.Instant;

/**
 * Posts counted in one hour: {@code [start, start + 1 h)} in elapsed time, {@code start} being the start of a local
 * hour in the zone asked for.
 */
public record HourBucket(Instant start, long count) {
}
